-- JSON output for the adapter (lua-cjson reads the requests, but encodes an empty table as {}
-- whatever it stands for, so answers are written here with explicit object / array marks).
local M = {}
local OBJECT, ARRAY = {}, {}

function M.object(t) return setmetatable(t or {}, OBJECT) end
function M.array(t) return setmetatable(t or {}, ARRAY) end

local function is_utf8(s)
    local ok = pcall(function()
        for _, c in utf8.codes(s) do
            if c > 0x10FFFF or (c >= 0xD800 and c <= 0xDFFF) then error("not a scalar value") end
        end
    end)
    return ok
end

-- A decoded text field: the string itself, or {hex = ...} when its bytes are not UTF-8.
function M.text(s)
    if s == nil or is_utf8(s) then return s end
    return M.object({ hex = (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) })
end

-- cjson's decoded request as plain Lua values: null -> nil, integral numbers -> integers.
function M.plain(v)
    local cjson = require("cjson")
    if v == cjson.null then return nil end
    if type(v) == "number" then return math.tointeger(v) or v end
    if type(v) ~= "table" then return v end
    local out = {}
    for k, x in pairs(v) do out[k] = M.plain(x) end
    return out
end

local ESCAPE = { ['"'] = '\\"', ["\\"] = "\\\\", ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t" }

local function encode_string(s)
    local bytes = is_utf8(s) and "[%z\1-\31\"\\]" or "[%z\1-\31\"\\\128-\255]"
    return '"' .. s:gsub(bytes, function(c)
        return ESCAPE[c] or string.format("\\u%04x", c:byte())
    end) .. '"'
end

function M.encode(v)
    local t = type(v)
    if v == nil then return "null"
    elseif t == "boolean" then return tostring(v)
    elseif t == "number" then
        return math.type(v) == "integer" and string.format("%d", v) or string.format("%.17g", v)
    elseif t == "string" then return encode_string(v)
    end
    local parts = {}
    if getmetatable(v) == ARRAY or (getmetatable(v) == nil and v[1] ~= nil) then
        for i = 1, #v do parts[i] = M.encode(v[i]) end
        return "[" .. table.concat(parts, ",") .. "]"
    end
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = tostring(k) end
    table.sort(keys)
    for i, k in ipairs(keys) do parts[i] = encode_string(k) .. ":" .. M.encode(v[k]) end
    return "{" .. table.concat(parts, ",") .. "}"
end

return M
