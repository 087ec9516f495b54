-- Testee adapter (docs/testee-protocol.md) for upstream AgoraIO/Tools DynamicKey/AgoraDynamicKey/lua,
-- loaded in place and unmodified from the directory given on the command line:
--
--   lua5.3 adapters/upstream-lua/adapter.lua DIR/lua
--
-- It drives every 007 builder of that tree, the low-level AccessToken2 (access_token2.build),
-- and AccessToken:parse / verify_signature for token.decode / token.verify.
-- Pinning: new_access_token reads os.time() and utils.get_rand, which calls math.randomseed and
-- math.random; os.time and math.random are replaced by stand-ins that answer the case's clock
-- and salt (or call the real functions when the case gives null).
-- The modules are required as `agora_token.<name>` (the rockspec's names) from DIR/src. The
-- rocks base64 and md5 have no Debian package for Lua 5.3: deps/ holds stand-ins, used only when
-- no real module is installed.
local dir = assert(arg[1], "usage: adapter.lua UPSTREAM/lua")
local here = (arg[0]:match("^(.*)/[^/]*$") or ".")
package.path = here .. "/?.lua;" .. package.path .. ";" .. here .. "/deps/?.lua"
table.insert(package.searchers, 2, function(name)
    local module = name:match("^agora_token%.([%w_]+)$")
    if not module then
        return nil
    end
    local path = dir .. "/src/" .. module .. ".lua"
    local chunk, err = loadfile(path)
    return chunk or ("\n\t" .. err), path
end)

local pinned = {}
local real_time, real_random = os.time, math.random
os.time = function(...)
    if pinned.now ~= nil and select("#", ...) == 0 then
        return pinned.now
    end
    return real_time(...)
end
math.random = function(...)
    if pinned.salt ~= nil then
        return pinned.salt
    end
    return real_random(...)
end

local cjson = require("cjson")
local json = require("json_lines")
local at = require("agora_token.access_token")
local utils = require("agora_token.utils")
local rtc = require("agora_token.rtc_token_builder")
local rtm = require("agora_token.rtm_token_builder")
local chat = require("agora_token.chat_token_builder")
local fpa = require("agora_token.fpa_token_builder")
local apaas = require("agora_token.apaas_token_builder")
local education = require("agora_token.education_token_builder")

local Unsupported = {}
local function unsupported(message)
    error(setmetatable({ message = message }, Unsupported), 0)
end

-- Symbolic roles -> upstream constants; other names go through unchanged (upstream's own check).
local ROLE = { publisher = rtc.ROLE_PUBLISHER, subscriber = rtc.ROLE_SUBSCRIBER }
local function role(name)
    return ROLE[name] or name
end

local function permissions(list)
    local perms = at.new_rtm2_permissions()
    for _, p in ipairs(list or {}) do
        perms:add(p.resource_type, p.permission_type, p.resources)
    end
    return perms
end

local SERVICE = {
    [1] = function(s) return at.new_service_rtc(s.channel_name, s.account) end,
    [2] = function(s) return at.new_service_rtm(s.user_id) end,
    [3] = function(s) return at.new_service_streaming(s.channel_name, s.account) end,
    [4] = function() return at.new_service_fpa() end,
    [5] = function(s) return at.new_service_chat(s.user_id) end,
    [6] = function(s) return at.new_service_fcdn(s.channel_name, s.account) end,
    [7] = function(s) return at.new_service_apaas(s.room_uuid, s.user_uuid, s.role) end,
    [8] = function(s) return at.new_service_rtm2(s.user_id, permissions(s.permissions)) end,
}

local function access_token2(a)
    local token = at.new_access_token(a.app_id, a.app_certificate, a.expire)
    for _, spec in ipairs(a.services) do
        local make = SERVICE[spec.type] or unsupported("the tree has no class for 007 service type " .. spec.type)
        local service = make(spec)
        for id, expire in pairs(spec.privileges or {}) do
            service.service:add_privilege(math.tointeger(tonumber(id)), expire)
        end
        token:add_service(service)
    end
    return token:build()
end

local function room_user(module)
    return function(a)
        return module.build_room_user_token(a.app_id, a.app_certificate, a.room_uuid, a.user_uuid, a.role, a.expire)
    end
end

-- privilege_expire is optional in the catalogue (default 0, docs/builders.md) but a positional
-- parameter without default in the Lua builders: an omitted one must be passed as 0, not nil
-- (nil would make add_privilege drop the privilege).
local function privilege_expire(a)
    if a.privilege_expire == nil then return 0 end
    return a.privilege_expire
end

local BUILDERS = {
    ["access_token2.build"] = access_token2,
    ["rtc2.build_token_with_uid"] = function(a)
        return rtc.build_token_with_uid(a.app_id, a.app_certificate, a.channel_name, a.uid, role(a.role),
            a.token_expire, privilege_expire(a))
    end,
    ["rtc2.build_token_with_user_account"] = function(a)
        return rtc.build_token_with_user_account(a.app_id, a.app_certificate, a.channel_name, a.account,
            role(a.role), a.token_expire, privilege_expire(a))
    end,
    ["rtc2.build_token_with_uid_and_privilege"] = function(a)
        return rtc.build_token_with_uid_and_privilege(a.app_id, a.app_certificate, a.channel_name, a.uid,
            a.token_expire, a.join_channel_privilege_expire, a.pub_audio_privilege_expire,
            a.pub_video_privilege_expire, a.pub_data_privilege_expire)
    end,
    ["rtc2.build_token_with_user_account_and_privilege"] = function(a)
        return rtc.build_token_with_user_account_and_privilege(a.app_id, a.app_certificate, a.channel_name,
            a.account, a.token_expire, a.join_channel_privilege_expire, a.pub_audio_privilege_expire,
            a.pub_video_privilege_expire, a.pub_data_privilege_expire)
    end,
    ["rtc2.build_token_with_rtm"] = function(a)
        return rtc.build_token_with_rtm(a.app_id, a.app_certificate, a.channel_name, a.account, role(a.role),
            a.token_expire, privilege_expire(a))
    end,
    ["rtc2.build_token_with_rtm2"] = function(a)
        return rtc.build_token_with_rtm2(a.app_id, a.app_certificate, a.channel_name, a.rtc_account,
            role(a.rtc_role), a.rtc_token_expire, a.join_channel_privilege_expire, a.pub_audio_privilege_expire,
            a.pub_video_privilege_expire, a.pub_data_privilege_expire, a.rtm_user_id, a.rtm_token_expire)
    end,
    ["rtm2.build_token"] = function(a)
        return rtm.build_token(a.app_id, a.app_certificate, a.user_id, a.expire)
    end,
    ["rtm2.build_token_with_permissions"] = function(a)
        return rtm.build_token_with_permissions(a.app_id, a.app_certificate, a.user_id,
            permissions(a.permissions), a.expire)
    end,
    ["chat2.build_user_token"] = function(a)
        return chat.build_chat_user_token(a.app_id, a.app_certificate, a.user_id, a.expire)
    end,
    ["chat2.build_app_token"] = function(a)
        return chat.build_chat_app_token(a.app_id, a.app_certificate, a.expire)
    end,
    ["fpa2.build_token"] = function(a)
        return fpa.build_token(a.app_id, a.app_certificate)
    end,
    ["apaas2.build_room_user_token"] = room_user(apaas),
    ["apaas2.build_user_token"] = function(a)
        return apaas.build_user_token(a.app_id, a.app_certificate, a.user_uuid, a.expire)
    end,
    ["apaas2.build_app_token"] = function(a)
        return apaas.build_app_token(a.app_id, a.app_certificate, a.expire)
    end,
    ["education2.build_room_user_token"] = room_user(education),
    ["education2.build_user_token"] = function(a)
        return education.build_user_token(a.app_id, a.app_certificate, a.user_uuid, a.expire)
    end,
    ["education2.build_app_token"] = function(a)
        return education.build_app_token(a.app_id, a.app_certificate, a.expire)
    end,
}

-- token.decode / token.verify: the tree parses 007 only (AccessToken:parse).
local function parse(token)
    for _, prefix in ipairs({ "006", "005", "004", "003", "1:" }) do
        if token:sub(1, #prefix) == prefix then
            unsupported("this tree has no parser for " .. prefix .. " tokens")
        end
    end
    local parsed = at.create_access_token()
    local unknown
    -- observe the service type at which parse stops (upstream's parse breaks there silently)
    parsed.new_service = function(self, service_type)
        local service = at.AccessToken.new_service(self, service_type)
        unknown = not service and service_type or nil
        return service
    end
    if parsed:parse(token) then
        return parsed, unknown
    end
    -- parse says only false: name the step that failed, for the reason code
    local reason = "truncated"
    if token:sub(1, 3) ~= at.get_version() then
        reason = "bad_version"
    else
        local ok, raw = pcall(utils.base64_decode_str, token:sub(4))
        if not ok then
            reason = "bad_base64"
        elseif not pcall(utils.decompress_zlib, raw) then
            reason = "bad_zlib"
        end
    end
    error({ decode_error = reason, message = "AccessToken:parse returned false" }, 0)
end

local function privileges(map)
    local out = json.object()
    for id, expire in pairs(map) do
        out[tostring(id)] = expire
    end
    return out
end

local function service_fields(s)
    local fields = json.object({ type = s.service.service_type, privileges = privileges(s.service.privileges) })
    local t = fields.type
    if t == 1 then
        fields.channel_name, fields.account = json.text(s.channel_name), json.text(s.uid)
    elseif t == 3 or t == 6 then
        fields.channel_name, fields.account = json.text(s.channel_name), json.text(s.account)
    elseif t == 2 or t == 5 then
        fields.user_id = json.text(s.user_id)
    elseif t == 7 then
        fields.room_uuid, fields.user_uuid, fields.role = json.text(s.room_uuid), json.text(s.user_uuid), s.role
    elseif t == 8 then
        fields.user_id = json.text(s.user_id)
        local list = json.array()
        local details = s.permissions.details
        local resource_types = {}
        for resource_type in pairs(details) do resource_types[#resource_types + 1] = resource_type end
        table.sort(resource_types)
        for _, resource_type in ipairs(resource_types) do
            local permission_types = {}
            for permission_type in pairs(details[resource_type]) do permission_types[#permission_types + 1] = permission_type end
            table.sort(permission_types)
            for _, permission_type in ipairs(permission_types) do
                local resources = json.array()
                for i, r in ipairs(details[resource_type][permission_type]) do resources[i] = json.text(r) end
                list[#list + 1] = json.object({ resource_type = resource_type, permission_type = permission_type,
                                                resources = resources })
            end
        end
        fields.permissions = list
    end
    return fields
end

local function decode(token)
    local parsed, unknown = parse(token)
    local services = json.array()
    for i, s in ipairs(parsed.services) do
        services[i] = service_fields(s)
    end
    return json.object({
        version = "007", signature = utils.to_hex(parsed.signature), app_id = json.text(parsed.app_id),
        issue_ts = parsed.issue_ts, expire = parsed.expire, salt = parsed.salt, services = services,
        unknown_service_type = unknown,
    })
end

local function verify(req)
    local ok, parsed = pcall(parse, req.token)
    if not ok then
        if getmetatable(parsed) == Unsupported then error(parsed, 0) end
        return { valid = false, reason = type(parsed) == "table" and parsed.decode_error or "bad_signature" }
    end
    if not parsed:verify_signature(req.app_certificate) then
        return { valid = false, reason = "bad_signature" }
    end
    if req.now ~= nil and req.now > parsed.issue_ts + parsed.expire then
        return { valid = false, reason = "expired" }
    end
    return { valid = true }
end

local function hello()
    local builders = json.array()
    for id in pairs(BUILDERS) do builders[#builders + 1] = id end
    table.sort(builders)
    return json.object({
        op = "hello", protocol = 1,
        implementation = json.object({
            name = "AgoraDynamicKey lua", language = "lua", version = "da06bfb",
            homepage = "https://github.com/AgoraIO/Tools/tree/master/DynamicKey/AgoraDynamicKey/lua",
            notes = "upstream tree loaded in place from " .. dir .. "; " .. _VERSION,
        }),
        builders = builders, operations = json.array({ "build", "decode", "verify" }), verify_mode = json.array(),
    })
end

local function dispatch(req)
    if req.op == "build" then
        local build = BUILDERS[req.builder] or unsupported("no builder " .. tostring(req.builder))
        pinned.salt, pinned.now = req.salt, req.now
        local token = build(req.args)
        return { id = req.id, token = token }
    elseif req.op == "decode" then
        return { id = req.id, fields = decode(req.token) }
    elseif req.op == "verify" then
        local answer = verify(req)
        answer.id = req.id
        return answer
    end
    unsupported("operation " .. tostring(req.op))
end

-- One answer per request: an error inside upstream code is that case's error answer.
local function answer(req)
    if req.op == "hello" then
        return hello()
    end
    local ok, out = pcall(dispatch, req)
    pinned.salt, pinned.now = nil, nil
    if ok then
        return json.object(out)
    elseif getmetatable(out) == Unsupported then
        return json.object({ id = req.id, error = json.object({ kind = "unsupported", message = out.message }) })
    elseif type(out) == "table" and out.decode_error then
        return json.object({ id = req.id, error = json.object({ kind = "decode_error", reason = out.decode_error,
                                                                message = out.message }) })
    end
    return json.object({ id = req.id, error = json.object({ kind = "invalid_input",
                                                            message = "upstream raised: " .. tostring(out) }) })
end

for line in io.lines() do
    if line:find("%S") then
        local ok, req = pcall(cjson.decode, line)
        if not ok or type(req) ~= "table" then
            io.stderr:write("adapter: unreadable request: ", tostring(req), "\n")
        else
            req = json.plain(req)
            if req.op == "stop" then
                break
            end
            io.stdout:write(json.encode(answer(req)), "\n")
            io.stdout:flush()
        end
    end
end
