-- Stand-in for the `md5` rock (kikito/md5.lua API: md5.sumhexa) that upstream lua/src/utils.lua
-- requires: Debian's lua-md5 has no Lua 5.3 build. The digest comes from luaossl (OpenSSL).
-- Only used when no real `md5` module is on package.path (the adapter appends this folder last).
local digest = require("openssl.digest")

local function sumhexa(data)
    return (digest.new("md5"):final(data):gsub(".", function(c) return string.format("%02x", c:byte()) end))
end

return { sumhexa = sumhexa }
