<?php
// token.decode and token.verify through the tree's parsers: AccessToken2::parse and
// verifySignature for 007; for 006, AccessToken::initWithToken, which keeps neither the signature
// nor the CRC fields (so 006 decode is unsupported), and verification by rebuilding the token
// from the parsed message with the request's certificate, channel and uid.

const FOREIGN = ['003' => 'DynamicKey3', '004' => 'DynamicKey4', '005' => 'DynamicKey5', '1:' => 'SignalingToken'];

function foreign_format(string $token): ?string
{
    foreach (FOREIGN as $prefix => $name) {
        if (str_starts_with($token, $prefix)) {
            return "the PHP tree has no $name parser";
        }
    }
    return null;
}

function service_fields(Service $s): array
{
    $out = ['type' => $s->type, 'privileges' => privilege_map($s->privileges)];
    if ($s instanceof ServiceRtc) {
        $out += ['channel_name' => text($s->channelName), 'account' => text($s->uid)];
    } elseif ($s instanceof ServiceStreaming || $s instanceof ServiceFCdn) {
        $out += ['channel_name' => text($s->channelName), 'account' => text($s->account)];
    } elseif ($s instanceof ServiceRtm || $s instanceof ServiceChat) {
        $out['user_id'] = text($s->userId);
    } elseif ($s instanceof ServiceApaas) {
        $out += ['room_uuid' => text($s->roomUuid), 'user_uuid' => text($s->userUuid), 'role' => $s->role];
    } elseif ($s instanceof ServiceRtm2) {
        $out['user_id'] = text($s->userId);
        $out['permissions'] = [];
        $details = $s->permissions->details;
        ksort($details);
        foreach ($details as $resourceType => $byPermission) {
            ksort($byPermission);
            foreach ($byPermission as $permissionType => $resources) {
                $out['permissions'][] = ['resource_type' => $resourceType, 'permission_type' => $permissionType,
                    'resources' => array_map('text', $resources)];
            }
        }
    }
    return $out;
}

function decode_token(string $token): array
{
    if (($foreign = foreign_format($token)) !== null) {
        throw new Refusal('unsupported', $foreign);
    }
    if (str_starts_with($token, '006')) {
        throw new Refusal('unsupported', 'AccessToken::initWithToken keeps neither the signature nor the CRC fields of a 006 token');
    }
    $t = new AccessToken2();
    if (!upstream(fn () => $t->parse($token))) {
        return ['error' => ['kind' => 'decode_error', 'reason' => 'bad_version', 'message' => 'AccessToken2::parse returned false']];
    }
    $signature = (new ReflectionProperty(AccessToken2::class, 'signature'))->getValue($t);
    return ['fields' => [
        'version' => '007',
        'signature' => bin2hex((string)$signature),
        'app_id' => text($t->appId),
        'issue_ts' => $t->issueTs,
        'expire' => $t->expire,
        'salt' => $t->salt,
        'services' => array_map('service_fields', $t->services),
    ]];
}

function verify_token(array $r): array
{
    $token = $r['token'];
    if (($foreign = foreign_format($token)) !== null) {
        throw new Refusal('unsupported', $foreign);
    }
    if (str_starts_with($token, '006')) {
        $parsed = upstream(fn () => AccessToken::initWithToken($token, $r['app_certificate'], $r['channel_name'] ?? '', $r['uid'] ?? ''));
        if ($parsed === null) {
            return ['valid' => false, 'reason' => 'bad_field'];
        }
        return upstream(fn () => $parsed->build()) === $token ? ['valid' => true] : ['valid' => false, 'reason' => 'bad_signature'];
    }
    $t = new AccessToken2();
    if (!upstream(fn () => $t->parse($token))) {
        return ['valid' => false, 'reason' => 'bad_version'];
    }
    return upstream(fn () => $t->verifySignature($r['app_certificate'])) ? ['valid' => true] : ['valid' => false, 'reason' => 'bad_signature'];
}
