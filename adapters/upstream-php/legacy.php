<?php
// Child process of adapter.php: loads ONE legacy upstream file (argv[1]) at global scope and
// answers build requests for its builders over the same JSON-lines protocol.
require __DIR__ . '/lib/protocol.php';
require __DIR__ . '/lib/legacy.php';
$file = $argv[1];
ob_start();
require $file;  // global scope: DynamicKey5.php and SignalingToken.php keep constants in globals
fwrite(STDERR, ob_get_clean());

serve(new class (basename($file)) {
    public function __construct(private string $file)
    {
    }

    public function hello(): array
    {
        return [];
    }

    public function answer(array $request): array
    {
        [$file, $fn] = legacy_builders()[$request['builder']] ?? [null, null];
        if ($file !== $this->file) {
            throw new Refusal('unsupported', "$this->file has no builder {$request['builder']}");
        }
        return ['token' => (string)upstream(fn () => $fn($request['args']))];
    }
});
