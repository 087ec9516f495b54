<?php
// simple_token_builder.script on the 2019 SimpleTokenBuilder.php (docs/architecture.md,
// "SimpleTokenBuilder steps"). The builder's AccessToken draws its salt and ts in its
// constructor, so the whole script runs under Pin.

const STB_ROLES = ['attendee' => 'kRoleAttendee', 'publisher' => 'kRolePublisher',
    'subscriber' => 'kRoleSubscriber', 'admin' => 'kRoleAdmin'];

function run_simple_token_builder(array $a): array
{
    $builder = new SimpleTokenBuilder($a['app_id'], $a['app_certificate'], $a['channel_name'], $a['uid']);
    $token = '';
    $results = [];
    foreach ($a['steps'] as $step) {
        $name = array_key_first($step);
        $arg = $step[$name];
        $result = null;
        switch ($name) {
            case 'init_privileges':  // PHP names it initPrivilege; unknown role names go as given
                $builder->initPrivilege(isset(STB_ROLES[$arg]) ? SimpleTokenBuilder::Role[STB_ROLES[$arg]] : $arg);
                break;
            case 'set_privilege':
                $builder->setPrivilege($arg[0], $arg[1]);
                break;
            case 'remove_privilege':
                $builder->removePrivilege($arg);
                break;
            case 'init_token_builder':  // the builder's only way in: initWithToken (static)
                $result = SimpleTokenBuilder::initWithToken($arg, $a['app_certificate'], $a['channel_name'], $a['uid']) !== false;
                break;
            case 'build_token':
                $result = $token = $builder->buildToken();
                break;
            default:
                throw new Refusal('unsupported', "unknown SimpleTokenBuilder step $name");
        }
        $results[] = $result;
    }
    return ['token' => $token, 'results' => $results];
}
