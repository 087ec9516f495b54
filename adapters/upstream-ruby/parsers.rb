# frozen_string_literal: true

# token.decode and token.verify through the Ruby tree's parsers: AgoraDynamicKey2::AccessToken
# #parse / #verify_signature for 007; AgoraDynamicKey::AccessToken#from_string for 006 (which
# returns false for every token: it calls the misspelled Sign.docode!, port-bugs J5).

FOREIGN = { '003' => 'DynamicKey3', '004' => 'DynamicKey4', '005' => 'DynamicKey5', '1:' => 'SignalingToken' }.freeze

def check_format(token)
  FOREIGN.each do |prefix, name|
    raise Refusal.new('unsupported', "the Ruby tree has no #{name} parser") if token.start_with?(prefix)
  end
end

def service_fields(s)
  out = { 'type' => s.type, 'privileges' => privilege_map(s.privileges) }
  case s
  when AgoraDynamicKey2::ServiceRtc then out.merge('channel_name' => text(s.channel_name), 'account' => text(s.uid))
  when AgoraDynamicKey2::ServiceStreaming, AgoraDynamicKey2::ServiceFCdn
    out.merge('channel_name' => text(s.channel_name), 'account' => text(s.account))
  when AgoraDynamicKey2::ServiceRtm then out.merge('user_id' => text(s.user_id))
  when AgoraDynamicKey2::ServiceChat then out.merge('user_id' => text(s.uid))
  when AgoraDynamicKey2::ServiceApaas
    out.merge('room_uuid' => text(s.room_uuid), 'user_uuid' => text(s.user_uuid), 'role' => s.role)
  when AgoraDynamicKey2::ServiceRtm2 then out.merge('user_id' => text(s.user_id), 'permissions' => permission_fields(s))
  else out
  end
end

def permission_fields(service)
  details = service.permissions.details
  details.keys.sort.flat_map do |resource_type|
    details[resource_type].sort.map do |permission_type, resources|
      { 'resource_type' => resource_type, 'permission_type' => permission_type, 'resources' => resources.map { |r| text(r) } }
    end
  end
end

def parse006(token)
  upstream { AgoraDynamicKey::AccessToken.new.from_string(token) }
end

def decode_token(token)
  check_format(token)
  if token.start_with?('006')
    parse006(token) # false for every token (J5); the parser keeps no fields either way
    return { 'error' => { 'kind' => 'decode_error', 'reason' => 'bad_field', 'message' => 'AccessToken#from_string returned false' } }
  end
  t = AgoraDynamicKey2::AccessToken.new
  unless upstream { t.parse(token) }
    reason = token.start_with?('007') ? 'bad_field' : 'bad_version'
    return { 'error' => { 'kind' => 'decode_error', 'reason' => reason, 'message' => 'AccessToken#parse returned false' } }
  end
  { 'fields' => { 'version' => '007', 'signature' => t.instance_variable_get(:@signature).unpack1('H*'),
                  'app_id' => text(t.app_id), 'issue_ts' => t.issue_ts, 'expire' => t.expire, 'salt' => t.salt,
                  'services' => t.services.map { |s| service_fields(s) } } }
end

def verify_token(request)
  token = request['token']
  check_format(token)
  if token.start_with?('006')
    return { 'valid' => false, 'reason' => 'bad_field' } unless parse006(token)

    raise Refusal.new('unsupported', 'the Ruby 006 code has no signature check')
  end
  t = AgoraDynamicKey2::AccessToken.new
  return { 'valid' => false, 'reason' => 'bad_field' } unless upstream { t.parse(token) }

  upstream { t.verify_signature(request['app_certificate']) } ? { 'valid' => true } : { 'valid' => false, 'reason' => 'bad_signature' }
end
