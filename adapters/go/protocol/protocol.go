// Package protocol serves the conformance suite's JSON-lines testee protocol (v1) for the Go
// adapters: it reads requests from stdin, dispatches them to an Implementation and writes one
// answer line per request. Each adapter's main package only maps builder ids onto its own module.
package protocol

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
)

// InvalidInput is a build refusal naming the offending argument.
type InvalidInput struct{ Field, Message string }

func (e InvalidInput) Error() string { return e.Field + ": " + e.Message }

// Unsupported marks a builder or option the wrapped package does not offer.
type Unsupported struct{ Message string }

func (e Unsupported) Error() string { return e.Message }

// DecodeFailure is a token the wrapped package refused to parse; Reason is a ReasonCode value.
type DecodeFailure struct{ Reason, Message string }

func (e DecodeFailure) Error() string { return e.Reason + ": " + e.Message }

// VerifyRequest carries the arguments of a verify operation.
type VerifyRequest struct {
	Token          string
	AppCertificate string
	Now            *int64
	ChannelName    *string
	UID            *string
}

// Implementation is what an adapter plugs into Serve.
type Implementation struct {
	Hello  map[string]any
	Build  func(builder string, args Args, salt, now *uint32) (string, error)
	Decode func(token string) (map[string]any, error)
	Verify func(req VerifyRequest) (valid bool, reason string, err error)
	// Script, when set, runs simple_token_builder.script and returns the per-step results too.
	Script func(args Args, salt, now *uint32) (token string, results []any, err error)
}

type request struct {
	Op             string         `json:"op"`
	ID             string         `json:"id"`
	Builder        string         `json:"builder"`
	Args           map[string]any `json:"args"`
	Salt           *json.Number   `json:"salt"`
	Now            *json.Number   `json:"now"`
	Token          string         `json:"token"`
	AppCertificate string         `json:"app_certificate"`
	ChannelName    *string        `json:"channel_name"`
	UID            any            `json:"uid"`
}

// Serve answers requests from stdin until "stop" or end of input. With AGORA_GO_CPUPROFILE set,
// it writes a CPU profile of the session to that file (`go tool pprof BINARY FILE`).
func Serve(impl Implementation) {
	tuneRuntime()
	if path := os.Getenv("AGORA_GO_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil && pprof.StartCPUProfile(f) == nil {
			defer pprof.StopCPUProfile()
		}
	}
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	out := bufio.NewWriter(os.Stdout)
	// Wrapped packages print diagnostics (recovered panics) with fmt.Println: send them to
	// stderr, so that stdout carries answer lines only.
	os.Stdout = os.Stderr
	for {
		line, err := in.ReadBytes('\n')
		if len(line) > 0 {
			answer, stop := handleLine(impl, line)
			if answer != nil {
				data, _ := json.Marshal(answer)
				out.Write(data)
				out.WriteByte('\n')
				out.Flush()
			}
			if stop {
				return
			}
		}
		if err == io.EOF {
			return
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "read error:", err)
			os.Exit(1)
		}
	}
}

// tuneRuntime sets one P and a GC at 5x the live heap, unless GOMAXPROCS or GOGC say otherwise.
// A testee answers one request at a time, and the upstream 007 builders allocate a fresh ~1 MB
// deflate compressor per token (compress/zlib.NewWriter in accesstoken2.compressZlib): with
// the defaults the runtime spends most of a 007 build collecting that garbage on a second
// thread and handing pages back to the OS, at about 4x the cost (docs/performance.md).
func tuneRuntime() {
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(1)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
}

func handleLine(impl Implementation, line []byte) (answer map[string]any, stop bool) {
	var req request
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	if err := dec.Decode(&req); err != nil {
		return errorAnswer("", "internal", "bad request line: "+err.Error()), false
	}
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(os.Stderr, "panic in %s %s: %v\n%s", req.Op, req.ID, r, debug.Stack())
			answer = errorAnswer(req.ID, "internal", fmt.Sprintf("panic: %v", r))
		}
	}()
	switch req.Op {
	case "hello":
		return impl.Hello, false
	case "stop":
		return nil, true
	case "build":
		return handleBuild(impl, &req), false
	case "decode":
		fields, err := impl.Decode(req.Token)
		if err != nil {
			return failure(req.ID, err), false
		}
		return map[string]any{"id": req.ID, "fields": fields}, false
	case "verify":
		return handleVerify(impl, &req), false
	}
	return errorAnswer(req.ID, "unsupported", "unknown op "+req.Op), false
}

func handleBuild(impl Implementation, req *request) map[string]any {
	salt, err := optionalU32("salt", req.Salt)
	if err != nil {
		return failure(req.ID, err)
	}
	now, err := optionalU32("now", req.Now)
	if err != nil {
		return failure(req.ID, err)
	}
	if req.Builder == "simple_token_builder.script" && impl.Script != nil {
		token, results, err := impl.Script(Args(req.Args), salt, now)
		if err != nil {
			return failure(req.ID, err)
		}
		return map[string]any{"id": req.ID, "token": token, "results": results}
	}
	token, err := impl.Build(req.Builder, Args(req.Args), salt, now)
	if err != nil {
		return failure(req.ID, err)
	}
	return map[string]any{"id": req.ID, "token": token}
}

func handleVerify(impl Implementation, req *request) map[string]any {
	v := VerifyRequest{Token: req.Token, AppCertificate: req.AppCertificate, ChannelName: req.ChannelName}
	if req.Now != nil {
		n, err := req.Now.Int64()
		if err != nil {
			return errorAnswer(req.ID, "internal", "now: "+err.Error())
		}
		v.Now = &n
	}
	if req.UID != nil {
		s := fmt.Sprint(req.UID)
		v.UID = &s
	}
	valid, reason, err := impl.Verify(v)
	if err != nil {
		return failure(req.ID, err)
	}
	answer := map[string]any{"id": req.ID, "valid": valid}
	if !valid {
		answer["reason"] = reason
	}
	return answer
}

func optionalU32(field string, n *json.Number) (*uint32, error) {
	if n == nil {
		return nil, nil
	}
	v, err := n.Int64()
	if err != nil || v < 0 || v > 0xFFFFFFFF {
		return nil, InvalidInput{field, "must be an integer 0..2^32-1"}
	}
	u := uint32(v)
	return &u, nil
}

func failure(id string, err error) map[string]any {
	switch e := err.(type) {
	case InvalidInput:
		return errorAnswer(id, "invalid_input", e.Error())
	case Unsupported:
		return errorAnswer(id, "unsupported", e.Message)
	case DecodeFailure:
		answer := errorAnswer(id, "decode_error", e.Message)
		answer["error"].(map[string]any)["reason"] = e.Reason
		return answer
	}
	return errorAnswer(id, "internal", err.Error())
}

func errorAnswer(id, kind, message string) map[string]any {
	return map[string]any{"id": id, "error": map[string]any{"kind": kind, "message": message}}
}
