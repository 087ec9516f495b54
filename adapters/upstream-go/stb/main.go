// Command upstream-stb-go drives the SimpleTokenBuilder of AgoraIO/Tools
// DynamicKey/AgoraDynamicKey/go at 55f8354 (2019-07), compiled in place (JSON-lines protocol v1).
//
// That tree has no go.mod and SimpleTokenBuilder imports "../AccessToken", which builds only in
// GOPATH mode from a folder outside GOPATH; build.sh therefore compiles this file from
// build/upstream-stb-go/, where "upstream" is a symlink to the tree's src folder. The builder's
// public Token field is an AccessToken whose Salt and Ts are set to the case's salt and
// now + 86400 right after construction, so every script runs in exact mode.
// access_token.build, decode and verify use the tree's AccessToken (through at006).
package main

import (
	"fmt"
	"strconv"

	AccessToken "./upstream/AccessToken"
	stb "./upstream/SimpleTokenBuilder"

	p "github.com/agora-token-conformance/adapters/go/protocol"
	"github.com/agora-token-conformance/adapters/upstream-go/at006"
)

const commit = "55f8354"

// source is the upstream src folder this binary was compiled from (set by build.sh).
var source = "?"

// roles maps the suite's role names onto this port's constants (1..4, not 0/1/2/101; S-xx).
var roles = map[string]stb.Role{
	"attendee": stb.Role_Attendee, "publisher": stb.Role_Publisher,
	"subscriber": stb.Role_Subscriber, "admin": stb.Role_Admin,
}

// canonicalRoles are the canonical role numbers a script may use instead of names.
var canonicalRoles = map[int64]string{0: "attendee", 1: "publisher", 2: "subscriber", 101: "admin"}

func main() {
	mode := p.Mode{
		Name:     "upstream-stb-go",
		Notes:    "compiled from " + source + "; SimpleTokenBuilder with Token.Salt/Token.Ts set after construction",
		Builders: []string{"simple_token_builder.script", "access_token.build"},
		Build:    build,
		Script:   script,
	}
	p.Main(p.Adapter{
		Version: commit, Homepage: "https://github.com/AgoraIO/Tools/tree/" + commit + "/DynamicKey/AgoraDynamicKey/go",
		Exact: mode, Public: mode, Decode: decode, Verify: verify,
	})
}

func build(builder string, args p.Args, salt, now *uint32) (string, error) {
	if builder == "access_token.build" {
		token, _, err := at006.Exact(builder, args, salt, now)
		return token, err
	}
	return "", p.NotOffered(builder)
}

func decode(token string) (map[string]any, error) {
	if err := p.UnsupportedVersion(token, "007"); err != nil {
		return nil, err
	}
	return at006.Decode(token)
}

func verify(req p.VerifyRequest) (bool, string, error) {
	if err := p.UnsupportedVersion(req.Token, "007"); err != nil {
		return false, "", err
	}
	return at006.Verify(req)
}

// script runs the steps on one SimpleTokenBuilder; the token is the last build_token result.
func script(args p.Args, salt, now *uint32) (string, []any, error) {
	g := p.NewGetter(args)
	appID, cert, channel := g.Str("app_id"), g.Str("app_certificate"), g.Str("channel_name")
	if err := g.Err(); err != nil {
		return "", nil, err
	}
	var b stb.SimpleTokenBuilder
	switch uid := args["uid"].(type) {
	case string:
		b = stb.CreateSimpleTokenBuilder2(appID, cert, channel, uid)
	default:
		n, err := args.U32("uid")
		if err != nil {
			return "", nil, err
		}
		b = stb.CreateSimpleTokenBuilder(appID, cert, channel, n)
	}
	p.SetIf(&b.Token.Salt, salt)
	if now != nil {
		b.Token.Ts = *now + 86400
	}
	steps, ok := args["steps"].([]any)
	if !ok {
		return "", nil, p.InvalidInput{Field: "steps", Message: "expected a list of steps"}
	}
	token, built := "", false
	results := make([]any, len(steps))
	for i, raw := range steps {
		step, ok := raw.(map[string]any)
		if !ok || len(step) != 1 {
			return "", nil, p.InvalidInput{Field: fmt.Sprintf("steps[%d]", i), Message: "each step is a mapping with exactly one key"}
		}
		for name, value := range step {
			result, err := run(&b, name, value)
			if err != nil {
				if e, ok := err.(p.InvalidInput); ok {
					e.Field = fmt.Sprintf("steps[%d].%s (%s)", i, name, e.Field)
					err = e
				}
				return "", nil, err
			}
			results[i] = result
			if name == "build_token" {
				token, built = result.(string), true
			}
		}
	}
	if !built {
		return "", nil, p.InvalidInput{Field: "steps", Message: "the script has no build_token step"}
	}
	return token, results, nil
}

// run performs one step through the SimpleTokenBuilder's public methods.
func run(b *stb.SimpleTokenBuilder, name string, value any) (any, error) {
	switch name {
	case "init_privileges":
		role, err := toRole(value)
		if err != nil {
			return nil, err
		}
		b.InitPrivileges(role)
		return nil, nil
	case "set_privilege":
		pair, ok := value.([]any)
		if !ok || len(pair) != 2 {
			return nil, p.InvalidInput{Field: "value", Message: "expected [id, value]"}
		}
		id, err := privilegeID(pair[0])
		if err != nil {
			return nil, err
		}
		expire, err := p.Args{"value": pair[1]}.U32("value")
		if err != nil {
			return nil, err
		}
		b.SetPrivilege(AccessToken.Privileges(id), expire)
		return nil, nil
	case "remove_privilege":
		id, err := privilegeID(value)
		if err != nil {
			return nil, err
		}
		b.RemovePrivilege(AccessToken.Privileges(id))
		return nil, nil
	case "init_token_builder":
		token, ok := value.(string)
		if !ok {
			return nil, p.InvalidInput{Field: "token", Message: "expected a token string"}
		}
		return b.InitTokenBuilder(token), nil
	case "build_token":
		return b.BuildToken()
	}
	return nil, p.InvalidInput{Field: name, Message: "unknown step (expected init_privileges, " +
		"set_privilege, remove_privilege, init_token_builder or build_token)"}
}

func toRole(value any) (stb.Role, error) {
	name, _ := value.(string)
	if n, err := (p.Args{"role": value}).Int("role"); err == nil {
		name = canonicalRoles[n]
	}
	if role, ok := roles[name]; ok {
		return role, nil
	}
	return 0, p.InvalidInput{Field: "role", Message: fmt.Sprintf("%v is not attendee, publisher, subscriber or admin", value)}
}

// privilegeID reads a privilege id (u16), also given as a decimal string.
func privilegeID(value any) (uint16, error) {
	if s, ok := value.(string); ok {
		if n, err := strconv.ParseUint(s, 10, 16); err == nil {
			return uint16(n), nil
		}
	}
	n, err := (p.Args{"id": value}).Int("id")
	if err != nil || n < 0 || n > 0xFFFF {
		return 0, p.InvalidInput{Field: "id", Message: fmt.Sprintf("%v is not a privilege id (0..65535)", value)}
	}
	return uint16(n), nil
}
