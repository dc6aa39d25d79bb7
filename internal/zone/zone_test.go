package zone

import (
	"archive/zip"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestHostDatabaseIsIgnored points $ZONEINFO at a database whose
// America/New_York is Tokyo's: time.LoadLocation believes it, Load does not.
func TestHostDatabaseIsIgnored(t *testing.T) {
	tokyo, err := readAll(files()["Asia/Tokyo"])
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "fake.zip")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := zip.NewWriter(f)
	for _, name := range []string{"America/New_York", "Europe/Paris"} {
		fw, err := w.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(tokyo)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	t.Setenv("ZONEINFO", path)

	at := time.Date(2024, 7, 1, 12, 0, 0, 0, time.UTC)
	host, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	if _, off := at.In(host).Zone(); off != 9*3600 {
		t.Fatalf("the fake database was not used by time.LoadLocation (offset %d): the test proves nothing", off)
	}
	for name, want := range map[string]int{"America/New_York": -4 * 3600, "Europe/Paris": 2 * 3600} {
		loc, err := Load(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, off := at.In(loc).Zone(); off != want {
			t.Errorf("Load(%q) offset on 1 Jul 2024 = %d, want %d from the embedded database", name, off, want)
		}
		z, _ := Get(name)
		if off, _, _ := z.Offset(at.Unix()); off != want {
			t.Errorf("Offset = %d, want %d", off, want)
		}
	}
}

func TestLoad(t *testing.T) {
	if loc, err := Load("UTC"); err != nil || loc != time.UTC {
		t.Errorf("Load(UTC) = %v, %v; want time.UTC", loc, err)
	}
	for _, name := range []string{"", "Local", "Mars/Olympus_Mons", "../../etc/passwd", string(make([]byte, 300))} {
		if _, err := Load(name); !errors.Is(err, ErrUnknown) {
			t.Errorf("Load(%.30q) error %v, want ErrUnknown", name, err)
		}
	}
	a, _ := Load("Europe/London")
	b, _ := Load("Europe/London")
	if a != b {
		t.Error("Load does not share its locations")
	}
	if For(a) != For(b) {
		t.Error("For does not share the Zone of a loaded location")
	}
}

// TestOffsetAgreesWithTime checks the change table against time's own lookup
// every 6 hours from 1970 to 2200, and that the span it reports has no change.
func TestOffsetAgreesWithTime(t *testing.T) {
	step := int64(6 * 3600)
	if testing.Short() {
		step = 29 * 3600
	}
	for _, name := range []string{"America/New_York", "Europe/London", "Australia/Sydney", "America/Sao_Paulo", "Pacific/Apia", "Asia/Kolkata", "Africa/Monrovia", "UTC"} {
		z, err := Get(name)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
		end := time.Date(2201, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
		for s := start; s < end; s += step {
			off, from, until := z.Offset(s)
			_, want := time.Unix(s, 0).In(z.loc).Zone()
			if off != want {
				t.Fatalf("%s: Offset(%d) = %d, time says %d", name, s, off, want)
			}
			if from > s || until <= s {
				t.Fatalf("%s: span [%d, %d) does not hold %d", name, from, until, s)
			}
			if from > start {
				if _, o := time.Unix(from-1, 0).In(z.loc).Zone(); o == off {
					t.Fatalf("%s: no change at %d", name, from)
				}
			}
		}
	}
}

func TestForSharesByLocation(t *testing.T) {
	loc := time.FixedZone("test", 3600)
	if first, second := For(loc), For(loc); first != second {
		t.Error("For does not share the Zone of one *time.Location")
	}
	if off, _, _ := For(loc).Offset(0); off != 3600 {
		t.Errorf("fixed zone offset %d", off)
	}
}
