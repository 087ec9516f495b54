# frozen_string_literal: true

# The JSON-lines testee loop (docs/testee-protocol.md) and the per-call pinning of the clock and
# random source that the upstream Ruby builders read: Time.now (007 issue_ts, 006 expired_ts),
# Kernel#rand inside AgoraDynamicKey2::AccessToken (007 salt) and SecureRandom.rand (006 salt).
require 'json'
require 'securerandom'

# An answer that is not a token: kind is a protocol error kind (unsupported, invalid_input, ...).
class Refusal < StandardError
  attr_reader :kind

  def initialize(kind, message)
    super(message)
    @kind = kind
  end
end

# The case's salt and clock, in force for the duration of Pin.run's block only.
module Pin
  class << self
    attr_reader :salt, :now

    def run(salt, now)
      @salt = salt
      @now = now
      yield
    ensure
      @salt = @now = nil
    end
  end

  # Prepended to Time's singleton class: Time.now reads the pinned clock.
  module Clock
    def now(*args, **kw)
      Pin.now.nil? ? super : at(Pin.now)
    end
  end

  # Prepended where upstream draws its salt (rand / SecureRandom.rand).
  module Random
    def rand(*args)
      Pin.salt.nil? ? super : Pin.salt
    end
  end

  def self.install(*salt_sources)
    Time.singleton_class.prepend(Clock)
    salt_sources.each { |s| s.prepend(Random) }
  end
end

# A decoded text field: the string when its bytes are UTF-8, else {"hex" => ...}.
def text(bytes)
  s = bytes.to_s.dup.force_encoding(Encoding::UTF_8)
  s.valid_encoding? ? s : { 'hex' => s.unpack1('H*') }
end

def privilege_map(map)
  (map || {}).to_h { |id, value| [id.to_s, value] }
end

# Call upstream code: what it raises becomes an invalid_input answer for this case.
def upstream
  yield
rescue Refusal
  raise
rescue StandardError, ScriptError => e
  raise Refusal.new('invalid_input', "upstream raised #{e.class}: #{e.message}")
end

# Serve the protocol on stdin/stdout. testee: #hello -> Hash, #answer(request) -> Hash (the
# answer without its id). Upstream output printed with puts goes to stderr.
def serve(testee)
  out = $stdout
  $stdout = $stderr
  $stdin.each_line do |line|
    next if line.strip.empty?

    request = JSON.parse(line)
    break if request['op'] == 'stop'

    answer =
      if request['op'] == 'hello'
        testee.hello
      else
        begin
          { 'id' => request['id'] }.merge(testee.answer(request))
        rescue Refusal => e
          { 'id' => request['id'], 'error' => { 'kind' => e.kind, 'message' => e.message.scrub } }
        rescue StandardError => e
          { 'id' => request['id'], 'error' => { 'kind' => 'internal', 'message' => "#{e.class}: #{e.message}".scrub } }
        end
      end
    out.write(JSON.generate(answer), "\n")
    out.flush
  end
end
