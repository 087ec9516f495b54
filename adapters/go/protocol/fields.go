package protocol

import (
	"bytes"
	"compress/zlib"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"io"
	"reflect"
	"strconv"
	"unicode/utf8"
)

// Text renders a decoded text field: the string itself, or {hex: ...} when not UTF-8.
func Text(s string) any {
	if utf8.ValidString(s) {
		return s
	}
	return map[string]any{"hex": hex.EncodeToString([]byte(s))}
}

// PrivilegeMap renders a privilege map keyed by the decimal id.
func PrivilegeMap(m map[uint16]uint32) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		out[strconv.Itoa(int(k))] = v
	}
	return out
}

// Inflate007 undoes the 007 string encoding ("007" + base64(zlib(content))). The wrapped
// packages parse the token themselves; this is used only to classify a parse failure and to
// read the signature, which the upstream Go parser discards.
func Inflate007(token string) ([]byte, error) {
	if len(token) < 3 || token[:3] != "007" {
		return nil, DecodeFailure{"bad_version", "token does not start with 007"}
	}
	raw, err := base64.StdEncoding.DecodeString(token[3:])
	if err != nil {
		return nil, DecodeFailure{"bad_base64", err.Error()}
	}
	r, err := zlib.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, DecodeFailure{"bad_zlib", err.Error()}
	}
	content, err := io.ReadAll(r)
	if err != nil {
		return nil, DecodeFailure{"bad_zlib", err.Error()}
	}
	return content, nil
}

// Signature007 returns the signature and the signing_info that follows it.
func Signature007(content []byte) (sig, signingInfo []byte, err error) {
	if len(content) < 2 {
		return nil, nil, DecodeFailure{"truncated", "no signature"}
	}
	n := int(binary.LittleEndian.Uint16(content))
	if len(content) < 2+n {
		return nil, nil, DecodeFailure{"truncated", "signature cut short"}
	}
	return content[2 : 2+n], content[2+n:], nil
}

// TokenSignature007 is the signature of a 007 token (Inflate007 then Signature007).
func TokenSignature007(token string) ([]byte, error) {
	content, err := Inflate007(token)
	if err != nil {
		return nil, err
	}
	sig, _, err := Signature007(content)
	return sig, err
}

// Classify007 explains why the wrapped package refused a token, for the decode_error reason.
func Classify007(token string, pkgErr error) error {
	content, err := Inflate007(token)
	if err != nil {
		return err
	}
	if _, _, err := Signature007(content); err != nil {
		return err
	}
	msg := "the package refused the token"
	if pkgErr != nil {
		msg += ": " + pkgErr.Error()
	}
	return DecodeFailure{"truncated", msg}
}

// Fields007 renders the decoded fields (docs/architecture.md) of a token parsed by a Go module
// whose services expose the upstream field names (ChannelName, Uid/Account, UserId, RoomUuid,
// UserUuid, Role, Permissions.Details); services must be in token order.
func Fields007(sig []byte, appID string, issueTs, expire, salt uint32, services []any) map[string]any {
	list := make([]any, 0, len(services))
	for _, s := range services {
		list = append(list, serviceFields(s))
	}
	return map[string]any{
		"version": "007", "signature": hex.EncodeToString(sig), "app_id": Text(appID),
		"issue_ts": issueTs, "expire": expire, "salt": salt, "services": list,
	}
}

func serviceFields(service any) map[string]any {
	v := reflect.ValueOf(service)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	typ := uint16(v.FieldByName("Type").Uint())
	privs := v.FieldByName("Privileges").Interface().(map[uint16]uint32)
	out := map[string]any{"type": typ, "privileges": PrivilegeMap(privs)}
	str := func(name string) any { return Text(v.FieldByName(name).String()) }
	switch typ {
	case 1:
		out["channel_name"], out["account"] = str("ChannelName"), str("Uid")
	case 3, 6:
		out["channel_name"], out["account"] = str("ChannelName"), str("Account")
	case 2, 5:
		out["user_id"] = str("UserId")
	case 7:
		out["room_uuid"], out["user_uuid"] = str("RoomUuid"), str("UserUuid")
		out["role"] = v.FieldByName("Role").Int()
	case 8:
		out["user_id"] = str("UserId")
		out["permissions"] = permissionFields(v.FieldByName("Permissions"))
	}
	return out
}

func permissionFields(p reflect.Value) []any {
	out := []any{}
	if p.IsNil() {
		return out
	}
	details := p.Elem().FieldByName("Details").Interface().(map[uint16]map[uint16][]string)
	for _, rt := range SortedTypes(details) {
		inner := details[rt]
		for _, pt := range SortedTypes(inner) {
			res := []any{}
			for _, r := range inner[pt] {
				res = append(res, Text(r))
			}
			out = append(out, map[string]any{"resource_type": rt, "permission_type": pt, "resources": res})
		}
	}
	return out
}

// Fields006 renders the decoded fields of a 006 token.
func Fields006(sig []byte, appID string, crcChannel, crcUID, salt, ts uint32, privs map[uint16]uint32) map[string]any {
	return map[string]any{
		"version": "006", "signature": hex.EncodeToString(sig), "app_id": Text(appID),
		"crc_channel_name": crcChannel, "crc_uid": crcUID, "salt": salt, "ts": ts,
		"privileges": PrivilegeMap(privs),
	}
}

// UnsupportedVersion refuses tokens of a version the wrapped module cannot parse (the legacy
// keys, and the versions listed in extra); other unknown prefixes go to the 007 parser, which
// rejects them as bad_version.
func UnsupportedVersion(token string, extra ...string) error {
	for _, prefix := range append([]string{"005", "004", "003", "1:"}, extra...) {
		if len(token) >= len(prefix) && token[:len(prefix)] == prefix {
			return Unsupported{Message: "this module has no parser for " + prefix + " tokens"}
		}
	}
	return nil
}

// Reason is the ReasonCode of a decode failure (bad_signature for anything else), for verify.
func Reason(err error) string {
	if f, ok := err.(DecodeFailure); ok {
		return f.Reason
	}
	return "bad_signature"
}
