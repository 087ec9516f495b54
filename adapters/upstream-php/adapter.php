<?php
// JSON-lines testee (docs/testee-protocol.md) driving the upstream PHP code of AgoraIO/Tools
// (DynamicKey/AgoraDynamicKey/php) IN PLACE, unmodified:
//   php adapter.php [--scope all|rtc006|simple] DIR     (DIR: the php folder; sources in DIR/src)
// --scope all (default): every builder whose file DIR/src has (007, 006, legacy), decode, verify;
// rtc006: the 006 RtcTokenBuilder / RtmTokenBuilder only (the 2020 tree); simple: the
// SimpleTokenBuilder script only (the 2019 tree).
// Salt and clock: public builders run under Pin (uopz makes time(), rand() and new DateTime
// return the case's values); access_token2.build / access_token.build set the token objects'
// public salt / issueTs / message fields. Without uopz the public builders go to verify_mode.
require __DIR__ . '/lib/protocol.php';
require __DIR__ . '/lib/builders.php';
require __DIR__ . '/lib/simple.php';
require __DIR__ . '/lib/legacy.php';
require __DIR__ . '/lib/parsers.php';

final class UpstreamPhp
{
    /** @var array<string, array{0: string, 1: bool, 2: callable}> builder id => [file, pinned, fn] */
    private array $builders = [];
    private array $legacy = [];
    private bool $parsers;
    private LegacyChildren $children;

    public function __construct(private string $dir, string $scope)
    {
        $src = "$dir/src";
        $offered = match ($scope) {
            'all' => token_builders(),
            'rtc006' => array_intersect_key(token_builders(), array_flip(['rtc.build_token_with_uid', 'rtc.build_token_with_user_account', 'rtm.build_token'])),
            'simple' => ['simple_token_builder.script' => ['SimpleTokenBuilder.php', true, 'run_simple_token_builder']],
            default => throw new InvalidArgumentException("unknown --scope $scope"),
        };
        ob_start();  // some files print the blank lines after their closing tag
        foreach ($offered as $id => $builder) {
            if (is_file("$src/$builder[0]")) {
                require_once "$src/$builder[0]";
                $this->builders[$id] = $builder;
            }
        }
        $this->parsers = $scope === 'all' && is_file("$src/AccessToken2.php") && is_file("$src/AccessToken.php");
        if ($this->parsers) {
            require_once "$src/AccessToken2.php";
            require_once "$src/AccessToken.php";
        }
        fwrite(STDERR, ob_get_clean());
        if ($scope === 'all') {
            $this->legacy = array_filter(legacy_builders(), fn ($b) => is_file("$src/$b[0]"));
        }
        $this->children = new LegacyChildren($src);
    }

    public function hello(): array
    {
        $pinned = array_keys(array_filter($this->builders, fn ($b) => $b[1]));
        return [
            'op' => 'hello',
            'protocol' => 1,
            'implementation' => [
                'name' => 'AgoraIO/Tools AgoraDynamicKey/php',
                'language' => 'php',
                'version' => basename(dirname(realpath($this->dir))),
                'homepage' => 'https://github.com/AgoraIO/Tools/tree/master/DynamicKey/AgoraDynamicKey/php',
                'notes' => 'PHP ' . PHP_VERSION . '; ' . realpath($this->dir) . '; ' . (Pin::available()
                    ? 'public builders with time()/rand()/DateTime pinned by uopz'
                    : 'no uopz: public builders in verify mode'),
            ],
            'builders' => array_merge(array_keys($this->builders), array_keys($this->legacy)),
            'operations' => $this->parsers ? ['build', 'decode', 'verify'] : ['build'],
            'verify_mode' => Pin::available() ? [] : $pinned,
        ];
    }

    public function answer(array $r): array
    {
        return match ($r['op']) {
            'build' => $this->build($r['builder'], $r['args'] ?? [], $r['salt'] ?? null, $r['now'] ?? null),
            'decode' => $this->parsers ? decode_token($r['token']) : throw new Refusal('unsupported', 'no parser in this scope'),
            'verify' => $this->parsers ? verify_token($r) : throw new Refusal('unsupported', 'no parser in this scope'),
            default => throw new Refusal('unsupported', "unknown op {$r['op']}"),
        };
    }

    private function build(string $id, array $args, ?int $salt, ?int $now): array
    {
        if (isset($this->legacy[$id])) {
            return $this->children->ask($this->legacy[$id][0], ['op' => 'build', 'id' => $id, 'builder' => $id, 'args' => $args]);
        }
        [, $pinned, $fn] = $this->builders[$id] ?? [null, null, null];
        if ($fn === null) {
            throw new Refusal('unsupported', "builder $id is not in this tree or scope");
        }
        $out = $pinned
            ? upstream(fn () => Pin::run($salt, $now, fn () => $fn($args)))
            : upstream(fn () => $fn($args, $salt, $now));
        return is_array($out) ? $out : ['token' => (string)$out];
    }
}

if (Pin::available()) {
    uopz_allow_exit(true);  // Debian's uopz.ini leaves uopz.exit=0, which turns exit() into a no-op
}
$options = getopt('', ['scope:'], $rest);
$dir = $argv[$rest] ?? null;
if ($dir === null || !is_dir("$dir/src")) {
    fwrite(STDERR, "usage: php adapter.php [--scope all|rtc006|simple] AgoraDynamicKey/php\n");
    exit(2);
}
serve(new UpstreamPhp(rtrim($dir, '/'), $options['scope'] ?? 'all'));
