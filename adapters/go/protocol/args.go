package protocol

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// Args are a build request's named arguments, as decoded from JSON (numbers kept exact).
type Args map[string]any

// Str returns a text argument.
func (a Args) Str(name string) (string, error) {
	v, ok := a[name]
	if !ok {
		return "", InvalidInput{name, "missing"}
	}
	s, ok := v.(string)
	if !ok {
		return "", InvalidInput{name, fmt.Sprintf("expected text, got %v", v)}
	}
	return s, nil
}

// Int returns an integer argument (any size).
func (a Args) Int(name string) (int64, error) {
	v, ok := a[name]
	if !ok {
		return 0, InvalidInput{name, "missing"}
	}
	return toInt(name, v)
}

// U32 returns an unsigned 32-bit argument.
func (a Args) U32(name string) (uint32, error) {
	n, err := a.Int(name)
	if err != nil {
		return 0, err
	}
	if n < 0 || n > 0xFFFFFFFF {
		return 0, InvalidInput{name, fmt.Sprintf("%d is outside 0..2^32-1", n)}
	}
	return uint32(n), nil
}

// U32Or returns an unsigned 32-bit argument, or def when the argument is absent.
func (a Args) U32Or(name string, def uint32) (uint32, error) {
	if _, ok := a[name]; !ok {
		return def, nil
	}
	return a.U32(name)
}

// Has reports whether the argument is present.
func (a Args) Has(name string) bool { _, ok := a[name]; return ok }

func toInt(name string, v any) (int64, error) {
	switch n := v.(type) {
	case json.Number:
		i, err := n.Int64()
		if err != nil {
			return 0, InvalidInput{name, "not an integer: " + n.String()}
		}
		return i, nil
	case float64:
		if n != float64(int64(n)) {
			return 0, InvalidInput{name, "not an integer"}
		}
		return int64(n), nil
	}
	return 0, InvalidInput{name, fmt.Sprintf("expected an integer, got %v", v)}
}

// UidStr applies the numeric uid rule of the format (0 -> "", else unsigned decimal); used
// only where a builder is re-composed on the low-level API.
func UidStr(uid uint32) string {
	if uid == 0 {
		return ""
	}
	return strconv.FormatUint(uint64(uid), 10)
}

// Role2 maps the symbolic 007 RTC role onto upstream's constants (Publisher 1, Subscriber 2).
func Role2(a Args, name string) (uint16, error) {
	s, err := a.Str(name)
	if err != nil {
		return 0, err
	}
	switch s {
	case "publisher":
		return 1, nil
	case "subscriber":
		return 2, nil
	}
	return 0, InvalidInput{name, "unknown role " + strconv.Quote(s)}
}
