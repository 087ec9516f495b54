<?php
// Legacy keys: DynamicKey4.php and DynamicKey5.php define the same global functions (and
// DynamicKey5.php a packString() that AccessToken.php defines too), and DynamicKey5.php /
// SignalingToken.php keep their constants in global variables, so each file is loaded at global
// scope in a child process of its own (legacy.php) that answers that file's builders.

/** [builder id => [upstream file, fn(args)]]. */
function legacy_builders(): array
{
    $key = fn ($f) => fn ($a) => $f($a['app_id'], $a['app_certificate'], $a['channel_name'],
        $a['unix_ts'], $a['random_int'], $a['uid'], $a['expired_ts']);
    return [
        'dynamic_key4.generate_recording_key' => ['DynamicKey4.php', $key('generateRecordingKey')],
        'dynamic_key4.generate_media_channel_key' => ['DynamicKey4.php', $key('generateMediaChannelKey')],
        'dynamic_key5.generate_recording_key' => ['DynamicKey5.php', $key('generateRecordingKey')],
        'dynamic_key5.generate_media_channel_key' => ['DynamicKey5.php', $key('generateMediaChannelKey')],
        'dynamic_key5.generate_in_channel_permission_key' => ['DynamicKey5.php',
            fn ($a) => generateInChannelPermissionKey($a['app_id'], $a['app_certificate'], $a['channel_name'],
                $a['unix_ts'], $a['random_int'], $a['uid'], $a['expired_ts'], $a['permission'])],
        // getToken takes a lifetime and adds time(): with the clock at 0 the lifetime is the
        // absolute expiry the vector names (D-17).
        'signaling_token.generate' => ['SignalingToken.php',
            fn ($a) => Pin::run(null, 0, fn () => getToken($a['app_id'], $a['app_certificate'], $a['account'], $a['expired_ts']))],
    ];
}

/** The child processes, one per legacy file, started on first use. */
final class LegacyChildren
{
    private array $children = [];

    public function __construct(private string $src)
    {
    }

    public function ask(string $file, array $request): array
    {
        $child = $this->children[$file] ??= $this->start($file);
        fwrite($child['in'], json_encode($request) . "\n");
        fflush($child['in']);
        $line = fgets($child['out']);
        if ($line === false) {
            unset($this->children[$file]);
            throw new Refusal('internal', "the $file child process exited");
        }
        $answer = json_decode($line, true);
        unset($answer['id']);
        return $answer;
    }

    private function start(string $file): array
    {
        $argv = [PHP_BINARY, dirname(__DIR__) . '/legacy.php', "$this->src/$file"];
        $proc = proc_open($argv, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => STDERR], $pipes);
        if ($proc === false) {
            throw new Refusal('internal', "cannot start a PHP child for $file");
        }
        return ['proc' => $proc, 'in' => $pipes[0], 'out' => $pipes[1]];
    }
}
