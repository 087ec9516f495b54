module github.com/agora-token-conformance/adapters/go-community

go 1.21

require (
	github.com/AgoraIO-Community/go-tokenbuilder v1.5.0
	github.com/agora-token-conformance/adapters/go/protocol v0.0.0
)

replace github.com/agora-token-conformance/adapters/go/protocol => ../go/protocol
