<?php
// The upstream PHP builders by builder id (docs/builders.md), each with the upstream file that
// defines it (a builder is offered when its file is in the tree). `pinned` builders are the
// public builders called as published under Pin (their clock and salt come from time(), rand()
// and DateTime); the low-level ones construct the token object and set its public fields.

const ROLE2 = ['publisher' => 'ROLE_PUBLISHER', 'subscriber' => 'ROLE_SUBSCRIBER'];
const ROLE006 = ['attendee' => 'RoleAttendee', 'publisher' => 'RolePublisher', 'subscriber' => 'RoleSubscriber', 'admin' => 'RoleAdmin'];

/** A symbolic role as the class constant, any other value as given. */
function role(string $class, array $names, mixed $value): mixed
{
    return is_string($value) && isset($names[$value]) ? constant("$class::{$names[$value]}") : $value;
}

function permissions(array $list): Rtm2Permissions
{
    $p = new Rtm2Permissions();
    foreach ($list as $entry) {
        $p->add($entry['resource_type'], $entry['permission_type'], $entry['resources'] ?? []);
    }
    return $p;
}

/** A low-level 007 service from its decoded-fields description. */
function service(array $s): Service
{
    $service = match ($s['type']) {
        1 => new ServiceRtc($s['channel_name'] ?? '', $s['account'] ?? ''),
        2 => new ServiceRtm($s['user_id'] ?? ''),
        3 => new ServiceStreaming($s['channel_name'] ?? '', $s['account'] ?? ''),
        4 => new ServiceFpa(),
        5 => new ServiceChat($s['user_id'] ?? ''),
        6 => new ServiceFCdn($s['channel_name'] ?? '', $s['account'] ?? ''),
        7 => new ServiceApaas($s['room_uuid'] ?? '', $s['user_uuid'] ?? '', $s['role'] ?? -1),
        8 => new ServiceRtm2($s['user_id'] ?? '', permissions($s['permissions'] ?? [])),
        default => throw new Refusal('unsupported', "AccessToken2.php has no service type {$s['type']}"),
    };
    foreach ($s['privileges'] ?? [] as $id => $value) {
        $service->addPrivilege((int)$id, $value);
    }
    return $service;
}

function build_access_token2(array $a, ?int $salt, ?int $now): string
{
    $token = new AccessToken2($a['app_id'], $a['app_certificate'], $a['expire']);
    $token->issueTs = $now ?? $token->issueTs;
    $token->salt = $salt ?? $token->salt;
    foreach ($a['services'] ?? [] as $s) {
        $token->addService(service($s));
    }
    return $token->build();
}

function build_access_token(array $a, ?int $salt): string
{
    $token = AccessToken::init($a['app_id'], $a['app_certificate'], $a['channel_name'], $a['uid']);
    if ($token === null) {
        return '';  // init() refused the input (and echoed why)
    }
    $token->message->salt = $salt ?? $token->message->salt;
    $token->message->ts = $a['ts'];
    foreach ($a['privileges'] ?? [] as $id => $value) {
        $token->addPrivilege((int)$id, $value);
    }
    return $token->build();
}

/** The 12 arguments of buildTokenWithRtm2 (and of ConvoAI/STT where a tree has them). */
function rtm2_args(array $a): array
{
    return [$a['app_id'], $a['app_certificate'], $a['channel_name'], $a['rtc_account'],
        role('RtcTokenBuilder2', ROLE2, $a['rtc_role']), $a['rtc_token_expire'],
        $a['join_channel_privilege_expire'], $a['pub_audio_privilege_expire'],
        $a['pub_video_privilege_expire'], $a['pub_data_privilege_expire'], $a['rtm_user_id'],
        $a['rtm_token_expire']];
}

function privilege_args(array $a, mixed $who): array
{
    return [$a['app_id'], $a['app_certificate'], $a['channel_name'], $who, $a['token_expire'],
        $a['join_channel_privilege_expire'], $a['pub_audio_privilege_expire'],
        $a['pub_video_privilege_expire'], $a['pub_data_privilege_expire']];
}

function apaas_builders(string $prefix, string $class, string $file): array
{
    return [
        "$prefix.build_room_user_token" => [$file, true, fn ($a) => $class::buildRoomUserToken(
            $a['app_id'], $a['app_certificate'], $a['room_uuid'], $a['user_uuid'], $a['role'], $a['expire'])],
        "$prefix.build_user_token" => [$file, true, fn ($a) => $class::buildUserToken(
            $a['app_id'], $a['app_certificate'], $a['user_uuid'], $a['expire'])],
        "$prefix.build_app_token" => [$file, true, fn ($a) => $class::buildAppToken(
            $a['app_id'], $a['app_certificate'], $a['expire'])],
    ];
}

/** [builder id => [upstream file, pinned?, fn(args, salt, now)]] of the 007 and 006 builders. */
function token_builders(): array
{
    $rtc2 = fn ($method, $who) => fn ($a) => RtcTokenBuilder2::$method($a['app_id'], $a['app_certificate'],
        $a['channel_name'], $a[$who], role('RtcTokenBuilder2', ROLE2, $a['role']), $a['token_expire'],
        $a['privilege_expire'] ?? 0);
    $rtc006 = fn ($method, $who) => fn ($a) => RtcTokenBuilder::$method($a['app_id'], $a['app_certificate'],
        $a['channel_name'], $a[$who], role('RtcTokenBuilder', ROLE006, $a['role']), $a['privilege_expired_ts']);
    return [
        'access_token2.build' => ['AccessToken2.php', false, 'build_access_token2'],
        'rtc2.build_token_with_uid' => ['RtcTokenBuilder2.php', true, $rtc2('buildTokenWithUid', 'uid')],
        'rtc2.build_token_with_user_account' => ['RtcTokenBuilder2.php', true, $rtc2('buildTokenWithUserAccount', 'account')],
        'rtc2.build_token_with_uid_and_privilege' => ['RtcTokenBuilder2.php', true,
            fn ($a) => RtcTokenBuilder2::buildTokenWithUidAndPrivilege(...privilege_args($a, $a['uid']))],
        'rtc2.build_token_with_user_account_and_privilege' => ['RtcTokenBuilder2.php', true,
            fn ($a) => RtcTokenBuilder2::buildTokenWithUserAccountAndPrivilege(...privilege_args($a, $a['account']))],
        'rtc2.build_token_with_rtm' => ['RtcTokenBuilder2.php', true, $rtc2('buildTokenWithRtm', 'account')],
        'rtc2.build_token_with_rtm2' => ['RtcTokenBuilder2.php', true,
            fn ($a) => RtcTokenBuilder2::buildTokenWithRtm2(...rtm2_args($a))],
        'rtm2.build_token' => ['RtmTokenBuilder2.php', true,
            fn ($a) => RtmTokenBuilder2::buildToken($a['app_id'], $a['app_certificate'], $a['user_id'], $a['expire'])],
        'rtm2.build_token_with_permissions' => ['RtmTokenBuilder2.php', true,
            fn ($a) => RtmTokenBuilder2::buildTokenWithPermissions($a['app_id'], $a['app_certificate'],
                $a['user_id'], permissions($a['permissions']), $a['expire'])],
        'chat2.build_user_token' => ['ChatTokenBuilder2.php', true,
            fn ($a) => ChatTokenBuilder2::buildUserToken($a['app_id'], $a['app_certificate'], $a['user_id'], $a['expire'])],
        'chat2.build_app_token' => ['ChatTokenBuilder2.php', true,
            fn ($a) => ChatTokenBuilder2::buildAppToken($a['app_id'], $a['app_certificate'], $a['expire'])],
        'fpa2.build_token' => ['FpaTokenBuilder.php', true,
            fn ($a) => FpaTokenBuilder::buildToken($a['app_id'], $a['app_certificate'])],
        ...apaas_builders('apaas2', 'ApaasTokenBuilder', 'ApaasTokenBuilder.php'),
        ...apaas_builders('education2', 'EducationTokenBuilder', 'EducationTokenBuilder.php'),
        'convoai2.build_token' => ['ConvoAITokenBuilder.php', true, fn ($a) => ConvoAITokenBuilder::buildToken(...rtm2_args($a))],
        'stt2.build_token' => ['SttTokenBuilder.php', true, fn ($a) => SttTokenBuilder::buildToken(...rtm2_args($a))],
        'access_token.build' => ['AccessToken.php', false, fn ($a, $salt) => build_access_token($a, $salt)],
        'rtc.build_token_with_uid' => ['RtcTokenBuilder.php', true, $rtc006('buildTokenWithUid', 'uid')],
        'rtc.build_token_with_user_account' => ['RtcTokenBuilder.php', true, $rtc006('buildTokenWithUserAccount', 'account')],
        'rtm.build_token' => ['RtmTokenBuilder.php', true, fn ($a) => RtmTokenBuilder::buildToken($a['app_id'],
            $a['app_certificate'], $a['user_account'], role('RtmTokenBuilder', ['rtm_user' => 'RoleRtmUser'],
                $a['role'] ?? 'rtm_user'), $a['privilege_expired_ts'])],
    ];
}
