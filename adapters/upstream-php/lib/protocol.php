<?php
// The JSON-lines testee loop (docs/testee-protocol.md), and the two things every call into the
// upstream code needs: its clock and random source pinned (Pin), and its stray output (upstream
// echoes error messages; PHP prints warnings) kept off stdout, which belongs to the protocol.

/** An answer that is not a token: kind is a protocol error kind (unsupported, internal, ...). */
final class Refusal extends Exception
{
    public function __construct(public readonly string $kind, string $message)
    {
        parent::__construct($message);
    }
}

/**
 * The upstream builders call time(), rand() and `new DateTime("now")` (006 Message). The code is
 * not namespaced, so nothing can shadow those functions: the uopz extension (Debian php-uopz)
 * makes them return the case's values for the duration of one call.
 */
final class Pin
{
    public static function available(): bool
    {
        return extension_loaded('uopz');
    }

    /** Run $fn with time()/new DateTime at $now and rand()/mt_rand()/random_int() at $salt. */
    public static function run(?int $salt, ?int $now, callable $fn): mixed
    {
        if (!self::available()) {
            return $fn();
        }
        if ($now !== null) {
            uopz_set_return('time', $now);
            uopz_set_mock('DateTime', new DateTime('@' . $now));
        }
        if ($salt !== null) {
            foreach (['rand', 'mt_rand', 'random_int'] as $f) {
                uopz_set_return($f, $salt);
            }
        }
        try {
            return $fn();
        } finally {
            uopz_unset_return('time');
            uopz_unset_mock('DateTime');
            foreach (['rand', 'mt_rand', 'random_int'] as $f) {
                uopz_unset_return($f);
            }
        }
    }
}

/** Call upstream code; whatever it prints goes to stderr, what it throws becomes a Refusal. */
function upstream(callable $fn): mixed
{
    ob_start();
    try {
        return $fn();
    } catch (Refusal $e) {
        throw $e;
    } catch (Throwable $e) {
        throw new Refusal('invalid_input', 'upstream threw ' . get_class($e) . ': ' . $e->getMessage());
    } finally {
        $out = ob_get_clean();
        if ($out !== '' && $out !== false) {
            fwrite(STDERR, 'upstream printed: ' . trim($out) . "\n");
        }
    }
}

/** A decoded text field: the string when it is UTF-8, else {"hex": ...}. */
function text(mixed $value): mixed
{
    $value = (string)$value;
    return preg_match('//u', $value) ? $value : ['hex' => bin2hex($value)];
}

/** A privilege map as a JSON object keyed by the decimal id. */
function privilege_map(?array $map): object
{
    $out = new stdClass();
    foreach ($map ?? [] as $id => $value) {
        $out->{(string)$id} = $value;
    }
    return $out;
}

/**
 * Serve the protocol. $testee has hello(): array and answer(array $request): array (the answer
 * without its id); a Refusal thrown by answer() becomes an error answer.
 */
function serve(object $testee): void
{
    // PHP notices and warnings (upstream code raises many on odd inputs) go to stderr.
    ini_set('display_errors', 'stderr');
    set_error_handler(function (int $no, string $message, string $file, int $line): bool {
        fwrite(STDERR, "php: $message at " . basename($file) . ":$line\n");
        return true;
    });
    $flags = JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE;
    while (($line = fgets(STDIN)) !== false) {
        if (trim($line) === '') {
            continue;
        }
        $request = json_decode($line, true);
        if (!is_array($request)) {
            $answer = ['id' => null, 'error' => ['kind' => 'internal', 'message' => 'bad JSON line']];
        } elseif (($request['op'] ?? null) === 'stop') {
            break;
        } elseif ($request['op'] === 'hello') {
            $answer = $testee->hello();
        } else {
            try {
                $answer = ['id' => $request['id'] ?? null] + $testee->answer($request);
            } catch (Refusal $e) {
                $answer = ['id' => $request['id'] ?? null, 'error' => ['kind' => $e->kind, 'message' => $e->getMessage()]];
            } catch (Throwable $e) {
                $answer = ['id' => $request['id'] ?? null, 'error' => ['kind' => 'internal', 'message' => get_class($e) . ': ' . $e->getMessage()]];
            }
        }
        echo json_encode($answer, $flags), "\n";
        fflush(STDOUT);
    }
}
