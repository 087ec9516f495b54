# frozen_string_literal: true

# JSON-lines testee (docs/testee-protocol.md) driving the upstream Ruby code of AgoraIO/Tools
# (DynamicKey/AgoraDynamicKey/ruby) IN PLACE, unmodified:  ruby adapter.rb DIR
# DIR is the ruby folder: lib/dynamic_key2 (007), lib/dynamic_key (006), src/dynamic_key5.rb.
# Salt and clock: the public builders run under Pin (protocol.rb), which reopens Time's singleton
# class, AgoraDynamicKey2::AccessToken (Kernel#rand) and SecureRandom to return the case's values
# for one call; access_token2.build / access_token.build set the token objects' salt, issue_ts /
# expired_ts accessors instead.
require_relative 'protocol'
require_relative 'parsers'

dir = ARGV.fetch(0) { abort 'usage: ruby adapter.rb AgoraDynamicKey/ruby' }
require File.join(dir, 'lib', 'dynamic_key2')
require File.join(dir, 'lib', 'dynamic_key')
require File.join(dir, 'src', 'dynamic_key5')
Pin.install(AgoraDynamicKey2::AccessToken, SecureRandom.singleton_class)

A2 = AgoraDynamicKey2
ROLE2 = { 'publisher' => A2::RtcTokenBuilder::ROLE_PUBLISHER, 'subscriber' => A2::RtcTokenBuilder::ROLE_SUBSCRIBER }.freeze
ROLE006 = { 'attendee' => :ATTENDEE, 'publisher' => :PUBLISHER, 'subscriber' => :SUBSCRIBER, 'admin' => :ADMIN }.freeze

def role2(value) = ROLE2.fetch(value, value)

def role006(value)
  ROLE006.key?(value) ? AgoraDynamicKey::RTCTokenBuilder::Role.const_get(ROLE006[value]) : value
end

def permissions(list)
  list.each_with_object(A2::ServiceRtm2::Permissions.new) do |p, perms|
    perms.add(p['resource_type'], p['permission_type'], p['resources'] || [])
  end
end

SERVICES = {
  1 => ->(s) { A2::ServiceRtc.new(s['channel_name'] || '', s['account'] || '') },
  2 => ->(s) { A2::ServiceRtm.new(s['user_id'] || '') },
  3 => ->(s) { A2::ServiceStreaming.new(s['channel_name'] || '', s['account'] || '') },
  4 => ->(_) { A2::ServiceFpa.new },
  5 => ->(s) { A2::ServiceChat.new(s['user_id'] || '') },
  6 => ->(s) { A2::ServiceFCdn.new(s['channel_name'] || '', s['account'] || '') },
  7 => ->(s) { A2::ServiceApaas.new(s['room_uuid'] || '', s['user_uuid'] || '', s.fetch('role', -1)) },
  8 => ->(s) { A2::ServiceRtm2.new(s['user_id'] || '', permissions(s['permissions'] || [])) }
}.freeze

def build_access_token2(a, salt, now)
  token = A2::AccessToken.new(a['app_id'], a['app_certificate'], a['expire'])
  token.issue_ts = now unless now.nil?
  token.salt = salt unless salt.nil?
  a.fetch('services', []).each do |s|
    factory = SERVICES[s['type']] or raise Refusal.new('unsupported', "no service type #{s['type']} in the Ruby tree")
    service = factory.call(s)
    (s['privileges'] || {}).each { |id, value| service.add_privilege(id.to_i, value) }
    token.add_service(service)
  end
  token.build
end

def build_access_token(a, salt)
  token = AgoraDynamicKey::AccessToken.new(app_id: a['app_id'], app_certificate: a['app_certificate'],
                                           channel_name: a['channel_name'], uid: a['uid'])
  token.salt = salt unless salt.nil?
  token.expired_ts = a['ts']
  (a['privileges'] || {}).each { |id, value| token.add_privilege(id.to_i, value) }
  token.build
end

def rtm2_args(a)
  [a['app_id'], a['app_certificate'], a['channel_name'], a['rtc_account'], role2(a['rtc_role']),
   a['rtc_token_expire'], a['join_channel_privilege_expire'], a['pub_audio_privilege_expire'],
   a['pub_video_privilege_expire'], a['pub_data_privilege_expire'], a['rtm_user_id'], a['rtm_token_expire']]
end

def privilege_args(a, who)
  [a['app_id'], a['app_certificate'], a['channel_name'], who, a['token_expire'],
   a['join_channel_privilege_expire'], a['pub_audio_privilege_expire'],
   a['pub_video_privilege_expire'], a['pub_data_privilege_expire']]
end

def rtc2(method, who)
  lambda { |a|
    A2::RtcTokenBuilder.public_send(method, a['app_id'], a['app_certificate'], a['channel_name'], a[who],
                                    role2(a['role']), a['token_expire'], a.fetch('privilege_expire', 0))
  }
end

def rtc006(method, who)
  lambda { |a|
    AgoraDynamicKey::RTCTokenBuilder.public_send(method, app_id: a['app_id'], app_certificate: a['app_certificate'],
                                                         channel_name: a['channel_name'], role: role006(a['role']),
                                                         who => a[who.to_s], privilege_expired_ts: a['privilege_expired_ts'])
  }
end

def apaas(prefix, builder)
  {
    "#{prefix}.build_room_user_token" => lambda { |a|
      builder.build_room_user_token(a['app_id'], a['app_certificate'], a['room_uuid'], a['user_uuid'], a['role'], a['expire'])
    },
    "#{prefix}.build_user_token" => ->(a) { builder.build_user_token(a['app_id'], a['app_certificate'], a['user_uuid'], a['expire']) },
    "#{prefix}.build_app_token" => ->(a) { builder.build_app_token(a['app_id'], a['app_certificate'], a['expire']) }
  }
end

def dk5(method)
  lambda { |a|
    args = [a['app_id'], a['app_certificate'], a['channel_name'], a['unix_ts'], a['random_int'], a['uid'], a['expired_ts']]
    args << a['permission'] if method == :gen_in_channel_permission_key
    DynamicKey5.public_send(method, *args)
  }
end

# Public builders, called under Pin: builder id => ->(args) { token }.
PINNED = {
  'rtc2.build_token_with_uid' => rtc2(:build_token_with_uid, 'uid'),
  'rtc2.build_token_with_user_account' => rtc2(:build_token_with_user_account, 'account'),
  'rtc2.build_token_with_uid_and_privilege' =>
    ->(a) { A2::RtcTokenBuilder.build_token_with_uid_and_privilege(*privilege_args(a, a['uid'])) },
  'rtc2.build_token_with_user_account_and_privilege' =>
    ->(a) { A2::RtcTokenBuilder.build_token_with_user_account_and_privilege(*privilege_args(a, a['account'])) },
  'rtc2.build_token_with_rtm' => rtc2(:build_token_with_rtm, 'account'),
  'rtc2.build_token_with_rtm2' => ->(a) { A2::RtcTokenBuilder.build_token_with_rtm2(*rtm2_args(a)) },
  'rtm2.build_token' => ->(a) { A2::RtmTokenBuilder.build_token(a['app_id'], a['app_certificate'], a['user_id'], a['expire']) },
  'rtm2.build_token_with_permissions' => lambda { |a|
    A2::RtmTokenBuilder.build_token_with_permissions(a['app_id'], a['app_certificate'], a['user_id'],
                                                     permissions(a['permissions']), a['expire'])
  },
  'chat2.build_user_token' => ->(a) { A2::ChatTokenBuilder.build_user_token(a['app_id'], a['app_certificate'], a['user_id'], a['expire']) },
  'chat2.build_app_token' => ->(a) { A2::ChatTokenBuilder.build_app_token(a['app_id'], a['app_certificate'], a['expire']) },
  'fpa2.build_token' => ->(a) { A2::FpaTokenBuilder.build_token(a['app_id'], a['app_certificate']) },
  **apaas('apaas2', A2::ApaasTokenBuilder),
  **apaas('education2', A2::EducationTokenBuilder),
  'rtc.build_token_with_uid' => rtc006(:build_token_with_uid, :uid),
  'rtc.build_token_with_user_account' => rtc006(:build_token_with_account, :account),
  'rtm.build_token' => lambda { |a|
    AgoraDynamicKey::RTMTokenBuilder.build_token(app_id: a['app_id'], app_certificate: a['app_certificate'],
                                                 role: a.fetch('role', 'rtm_user') == 'rtm_user' ? AgoraDynamicKey::RTMTokenBuilder::Role::RTM_USER : a['role'],
                                                 account: a['user_account'], privilege_expired_ts: a['privilege_expired_ts'])
  }
}.freeze

# Builders that take the salt and clock as fields or arguments: id => ->(args, salt, now) { token }.
UNPINNED = {
  'access_token2.build' => method(:build_access_token2),
  'access_token.build' => ->(a, salt, _now) { build_access_token(a, salt) },
  'dynamic_key5.generate_media_channel_key' => ->(a, _, _) { dk5(:gen_media_channel_key).call(a) },
  'dynamic_key5.generate_recording_key' => ->(a, _, _) { dk5(:gen_recording_key).call(a) },
  'dynamic_key5.generate_public_sharing_key' => ->(a, _, _) { dk5(:gen_public_sharing_key).call(a) },
  'dynamic_key5.generate_in_channel_permission_key' => ->(a, _, _) { dk5(:gen_in_channel_permission_key).call(a) }
}.freeze

# The testee: hello, build, decode, verify.
class UpstreamRuby
  def initialize(dir)
    @dir = File.expand_path(dir)
  end

  def hello
    { 'op' => 'hello', 'protocol' => 1,
      'implementation' => { 'name' => 'AgoraIO/Tools AgoraDynamicKey/ruby', 'language' => 'ruby',
                            'version' => File.basename(File.dirname(@dir)),
                            'homepage' => 'https://github.com/AgoraIO/Tools/tree/master/DynamicKey/AgoraDynamicKey/ruby',
                            'notes' => "Ruby #{RUBY_VERSION}; #{@dir}; public builders with Time.now/rand pinned per call" },
      'builders' => PINNED.keys + UNPINNED.keys, 'operations' => %w[build decode verify], 'verify_mode' => [] }
  end

  def answer(request)
    case request['op']
    when 'build' then build(request['builder'], request['args'] || {}, request['salt'], request['now'])
    when 'decode' then decode_token(request['token'])
    when 'verify' then verify_token(request)
    else raise Refusal.new('unsupported', "unknown op #{request['op']}")
    end
  end

  private

  def build(id, args, salt, now)
    token =
      if PINNED.key?(id) then upstream { Pin.run(salt, now) { PINNED[id].call(args) } }
      elsif UNPINNED.key?(id) then upstream { UNPINNED[id].call(args, salt, now) }
      else raise Refusal.new('unsupported', "builder #{id} is not in the Ruby tree")
      end
    raise Refusal.new('invalid_input', 'build returned false (Sign.encode rescued an exception)') if token == false

    { 'token' => token.to_s }
  end
end

serve(UpstreamRuby.new(dir))
