module github.com/agora-token-conformance/adapters/go/protocol

go 1.21
