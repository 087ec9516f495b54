package protocol

import (
	"fmt"
	"strconv"
)

// Getter reads arguments and remembers the first error, to keep composition code flat.
type Getter struct {
	a   Args
	err error
}

func (g *Getter) Fail(err error) {
	if g.err == nil {
		g.err = err
	}
}

func (g *Getter) Str(name string) string {
	s, err := g.a.Str(name)
	g.Fail(err)
	return s
}

func (g *Getter) U32(name string) uint32 {
	v, err := g.a.U32(name)
	g.Fail(err)
	return v
}

func (g *Getter) U32or(name string, def uint32) uint32 {
	v, err := g.a.U32Or(name, def)
	g.Fail(err)
	return v
}

func (g *Getter) I16(name string) int16 {
	v, err := g.a.Int(name)
	if err == nil && (v < -32768 || v > 32767) {
		err = InvalidInput{name, fmt.Sprintf("%d is outside the i16 range", v)}
	}
	g.Fail(err)
	return int16(v)
}

func (g *Getter) Role2(name string) uint16 {
	r, err := Role2(g.a, name)
	g.Fail(err)
	return r
}

// account returns UidStr(uid) when the uid argument is present, else the account text.
func (g *Getter) Account(uidName, accountName string) string {
	if g.a.Has(uidName) {
		return UidStr(g.U32(uidName))
	}
	return g.Str(accountName)
}

func (g *Getter) UidOrAccount(name string) string {
	if s, ok := g.a[name].(string); ok {
		return s
	}
	return UidStr(g.U32(name))
}

func (g *Getter) Privileges(name string) map[uint16]uint32 {
	raw, ok := g.a[name].(map[string]any)
	if !ok {
		g.Fail(InvalidInput{name, "expected a mapping of privilege id to value"})
		return nil
	}
	out := map[uint16]uint32{}
	for k, v := range raw {
		id, err := strconv.ParseUint(k, 10, 16)
		if err != nil {
			g.Fail(InvalidInput{name, "privilege id " + strconv.Quote(k) + " is not a u16"})
			continue
		}
		value, err := Args{k: v}.U32(k)
		g.Fail(err)
		out[uint16(id)] = value
	}
	return out
}

func (g *Getter) Permissions(name string) []Permission {
	var out []Permission
	g.eachMapping(name, func(sub *Getter) {
		p := Permission{ResourceType: uint16(sub.U32("resource_type")), PermissionType: uint16(sub.U32("permission_type"))}
		list, _ := sub.a["resources"].([]any)
		for _, r := range list {
			s, ok := r.(string)
			if !ok {
				sub.Fail(InvalidInput{"resources", "expected text"})
			}
			p.Resources = append(p.Resources, s)
		}
		out = append(out, p)
	})
	return out
}

// eachMapping calls fn with a Getter on each mapping of the list argument name and records the
// first error met (a missing list, an item that is not a mapping, or one fn met) in g.
func (g *Getter) eachMapping(name string, fn func(sub *Getter)) {
	raw, ok := g.a[name].([]any)
	if !ok {
		g.Fail(InvalidInput{name, "expected a list"})
		return
	}
	for i, item := range raw {
		m, ok := item.(map[string]any)
		if !ok {
			g.Fail(InvalidInput{fmt.Sprintf("%s[%d]", name, i), "expected a mapping"})
			continue
		}
		sub := &Getter{a: Args(m)}
		fn(sub)
		g.Fail(sub.err)
	}
}

// services reads the low-level access_token2.build service list, in the order given (the
// wrapped package does its own ordering, which is part of what is tested).
func (g *Getter) Services(name string) []ServiceSpec {
	var out []ServiceSpec
	g.eachMapping(name, func(sub *Getter) {
		s := svc(uint16(sub.U32("type")))
		if sub.a.Has("privileges") {
			s.Privileges = sub.Privileges("privileges")
		}
		opt := func(key string) string {
			if sub.a.Has(key) {
				return sub.Str(key)
			}
			return ""
		}
		s.ChannelName, s.Account, s.UserID = opt("channel_name"), opt("account"), opt("user_id")
		s.RoomUUID, s.UserUUID = opt("room_uuid"), opt("user_uuid")
		if sub.a.Has("role") {
			s.Role = sub.I16("role")
		}
		if sub.a.Has("permissions") {
			s.Permissions = sub.Permissions("permissions")
		}
		out = append(out, s)
	})
	return out
}

// NewGetter wraps request arguments.
func NewGetter(a Args) *Getter { return &Getter{a: a} }

// Err is the first error met while reading arguments.
func (g *Getter) Err() error { return g.err }
