package protocol

import (
	"flag"
	"sort"
	"strconv"
)

// Mode is one way a Go testee runs: the name and notes it reports, its builder ids, the ids it
// declares in verify_mode, and its build function.
type Mode struct {
	Name, Notes string
	Builders    []string
	VerifyMode  []string
	Build       func(builder string, args Args, salt, now *uint32) (string, error)
	Script      func(args Args, salt, now *uint32) (string, []any, error) // optional
}

// Adapter describes a Go testee: the wrapped module, its exact and public-builder modes, and its
// decode and verify operations.
type Adapter struct {
	Version, Homepage string
	Exact, Public     Mode
	Decode            func(token string) (map[string]any, error)
	Verify            func(req VerifyRequest) (valid bool, reason string, err error)
}

// Main parses the command line (-builders selects the public-builder mode) and serves requests.
func Main(a Adapter) {
	builders := flag.Bool("builders", false, "call the public builders (verify mode)")
	flag.Parse()
	m := a.Exact
	if *builders {
		m = a.Public
	}
	verifyMode := m.VerifyMode
	if verifyMode == nil {
		verifyMode = []string{}
	}
	Serve(Implementation{
		Hello: map[string]any{
			"op": "hello", "protocol": 1,
			"implementation": map[string]any{
				"name": m.Name, "language": "go", "version": a.Version, "homepage": a.Homepage, "notes": m.Notes,
			},
			"builders": m.Builders, "operations": []string{"build", "decode", "verify"}, "verify_mode": verifyMode,
		},
		Build: m.Build, Decode: a.Decode, Verify: a.Verify, Script: m.Script,
	})
}

// Builders maps builder ids onto calls of a module's own builder functions.
type Builders map[string]func(g *Getter) (string, error)

// IDs returns the builder ids in ascending order.
func (b Builders) IDs() []string {
	ids := make([]string, 0, len(b))
	for id := range b {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Call runs the builder registered for id; ok is false when there is none. Argument errors are
// detected before the call's result matters.
func (b Builders) Call(id string, args Args) (token string, ok bool, err error) {
	fn, ok := b[id]
	if !ok {
		return "", false, nil
	}
	g := NewGetter(args)
	token, err = fn(g)
	if g.Err() != nil {
		return "", true, g.Err()
	}
	return token, true, err
}

// Build is Call for an adapter mode: an unknown id is Unsupported. The salt and clock are
// ignored (public builders read time.Now and math/rand).
func (b Builders) Build(id string, args Args, _, _ *uint32) (string, error) {
	token, ok, err := b.Call(id, args)
	if !ok {
		return "", NotOffered(id)
	}
	return token, err
}

// NotOffered is the refusal for a builder id the wrapped module does not have.
func NotOffered(builder string) error {
	return Unsupported{Message: "builder " + builder + " is not offered by this module"}
}

// SetIf stores *v in dst when v is given (the case's fixed salt or clock).
func SetIf(dst *uint32, v *uint32) {
	if v != nil {
		*dst = *v
	}
}

// Token007 is what exact mode needs of a module's accesstoken2.AccessToken.
type Token007[S any] interface {
	AddService(service S)
	Build() (string, error)
}

// Exact007 assembles plan on tok, a module's fresh AccessToken whose Salt and IssueTs fields are
// saltField and issueField, with the case's fixed salt and clock; service maps one ServiceSpec
// onto the module's service types. A repeated type is the module's business (some replace).
func Exact007[S any](tok Token007[S], saltField, issueField *uint32, plan Plan007, salt, now *uint32,
	service func(ServiceSpec) (S, error)) (string, error) {
	SetIf(saltField, salt)
	SetIf(issueField, now)
	for _, spec := range plan.Services {
		s, err := service(spec)
		if err != nil {
			return "", err
		}
		tok.AddService(s)
	}
	return tok.Build()
}

// AddPrivileges adds privs to a module's service in ascending privilege order.
func AddPrivileges(s interface{ AddPrivilege(uint16, uint32) }, privs map[uint16]uint32) {
	for _, id := range SortedTypes(privs) {
		s.AddPrivilege(id, privs[id])
	}
}

// NoServiceClass is the refusal for a 007 service type the wrapped module has no class for.
func NoServiceClass(t uint16, detail string) error {
	return Unsupported{Message: "the module has no class for 007 service type " + strconv.Itoa(int(t)) + detail}
}

// Expired reports whether the verify request's clock is past deadline (no clock: never).
func Expired(now *int64, deadline int64) bool {
	return now != nil && *now > deadline
}
