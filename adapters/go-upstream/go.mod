module github.com/agora-token-conformance/adapters/go-upstream

go 1.21

require (
	github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src v0.0.0-20250825033728-374cd21f5220
	github.com/agora-token-conformance/adapters/go/protocol v0.0.0
)

replace github.com/agora-token-conformance/adapters/go/protocol => ../go/protocol
