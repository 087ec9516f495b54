-- Stand-in for the `base64` rock (iskolbin/lbase64, the LuaRocks package "base64" that upstream
-- lua/agora-token-0.1.0-1.rockspec depends on; Debian does not package it), written for this
-- adapter with the rock's observable behaviour:
--   encode: standard alphabet, "=" padding;
--   decode: first drops every character outside A-Z a-z 0-9 + / =, takes one or two trailing
--   "=" as padding, treats an "=" elsewhere as the value 0, and raises an error when the
--   remaining length is not a multiple of 4.
-- Only used when no real `base64` module is on package.path (the adapter appends this folder last).
local ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local VALUE = { [string.byte("=")] = 0 }
for i = 1, #ALPHABET do
    VALUE[ALPHABET:byte(i)] = i - 1
end

local function encode(data)
    local out = {}
    for i = 1, #data, 3 do
        local a, b, c = data:byte(i, i + 2)
        local n = (a << 16) | ((b or 0) << 8) | (c or 0)
        local quad = {}
        for k = 1, 4 do
            local index = (n >> (6 * (4 - k))) & 63
            quad[k] = ALPHABET:sub(index + 1, index + 1)
        end
        if not b then quad[3] = "=" end
        if not c then quad[4] = "=" end
        out[#out + 1] = table.concat(quad)
    end
    return table.concat(out)
end

local function decode(text)
    text = text:gsub("[^%w%+/=]", "")
    if #text % 4 ~= 0 then
        error("base64: length is not a multiple of 4")
    end
    local padding = text:sub(-2) == "==" and 2 or (text:sub(-1) == "=" and 1 or 0)
    local out = {}
    for i = 1, #text, 4 do
        local n = 0
        for k = 0, 3 do
            n = (n << 6) | VALUE[text:byte(i + k)]
        end
        out[#out + 1] = string.char((n >> 16) & 255, (n >> 8) & 255, n & 255)
    end
    local data = table.concat(out)
    return data:sub(1, #data - padding)
end

return { encode = encode, decode = decode }
