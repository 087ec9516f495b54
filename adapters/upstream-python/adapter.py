"""JSON-lines testee driving an upstream AgoraDynamicKey Python tree in place (Python 2.7 or 3).

Usage: adapter.py [--version LABEL] DIR, where DIR is AgoraIO/Tools
DynamicKey/AgoraDynamicKey/python3 or python (any era: 2019 SimpleTokenBuilder, 2020
RtcTokenBuilder, today's AccessToken2). It answers every builder whose module DIR/src holds.

Salt and clock: the ``time``, ``random`` and ``secrets`` globals of the tree's ``AccessToken``
and ``AccessToken2`` modules are replaced by one stand-in (testee.Pinned) whose values are set
per call, so the public builders run unmodified; the low-level builders set the token objects'
fields (``salt``/``ts``; ``_AccessToken__salt``, the 007 salt's only spelling). The
SimpleTokenBuilder module is loaded afresh for every script: its presets are module state that
builders share (S-04), and one case must not leak into the next.
"""

from __future__ import print_function

import base64
import binascii
import importlib
import os
import sys

from testee import (
    PY2,
    DecodeFailure,
    InvalidInput,
    Pinned,
    Unsupported,
    native,
    privileges,
    serve,
    text,
)

ROLE006 = {"attendee": "Role_Attendee", "publisher": "Role_Publisher",
           "subscriber": "Role_Subscriber", "admin": "Role_Admin"}
ROLE007 = {"publisher": "Role_Publisher", "subscriber": "Role_Subscriber"}

# Decoded-field names of each 007 service type's private (name-mangled) attributes.
SERVICE_FIELDS = {
    1: (("channel_name", "_ServiceRtc__channel_name"), ("account", "_ServiceRtc__uid")),
    2: (("user_id", "_ServiceRtm__user_id"),),
    3: (("channel_name", "_ServiceStreaming__channel_name"),
        ("account", "_ServiceStreaming__account")),
    4: (),
    5: (("user_id", "_ServiceChat__user_id"),),
    6: (("channel_name", "_ServiceFCdn__channel_name"), ("account", "_ServiceFCdn__account")),
    7: (("room_uuid", "_ServiceApaas__room_uuid"), ("user_uuid", "_ServiceApaas__user_uuid"),
        ("role", "_ServiceApaas__role")),
    8: (("user_id", "_ServiceRtm2__user_id"),),
}


class Tree(object):
    """Imports the tree's modules: as package ``src`` when it is one (relative imports),
    else flat from DIR/src (the Python 2 trees of 2019 and 2020)."""

    def __init__(self, root):
        self.src = os.path.join(root, "src")
        if not os.path.isdir(self.src):
            raise SystemExit("no src folder in %s" % root)
        package = not PY2 or os.path.exists(os.path.join(self.src, "__init__.py"))
        sys.path.insert(0, root if package else self.src)
        self.prefix = "src." if package else ""

    def has(self, name):
        return os.path.exists(os.path.join(self.src, name + ".py"))

    def module(self, name):
        return importlib.import_module(self.prefix + name) if self.has(name) else None


def _role(module, names, value):
    name = names.get(value) if isinstance(value, type(u"")) else None
    return getattr(module, name) if name and hasattr(module, name) else value


class Upstream(object):
    """Builders, decode and verify over whatever the tree implements."""

    def __init__(self, root, label):
        self.root, self.label = root, label
        self.tree = Tree(root)
        self.at = self.tree.module("AccessToken")
        self.a2 = self.tree.module("AccessToken2")
        self.pinned = Pinned(*[m for m in (self.at, self.a2) if m is not None])
        self.builders = {}
        self.parsers = ()
        if self.at is not None:
            self._add_006()
        if self.a2 is not None:
            self._add_007()
        self._add_legacy()
        if self.tree.has("SimpleTokenBuilder"):
            self.builders["simple_token_builder.script"] = self._script

    def _pin(self, fn, names, convert=lambda name, value: value, defaults=None):
        def build(a, salt, now):
            values = dict(defaults or {})
            values.update(a)
            return self.pinned.call(salt, now, fn, *[convert(n, values[n]) for n in names])
        return build

    # ---------------------------------------------------------------- 006
    def _add_006(self):
        self.parsers += ("006",)
        self.builders["access_token.build"] = self._low_level006
        rtc = self.tree.module("RtcTokenBuilder")
        if rtc is not None:
            def convert(name, value):
                return _role(rtc, ROLE006, value) if name == "role" else native(value)
            cls = rtc.RtcTokenBuilder
            head = ("app_id", "app_certificate", "channel_name")
            tail = ("role", "privilege_expired_ts")
            self.builders["rtc.build_token_with_uid"] = self._pin(
                cls.buildTokenWithUid, head + ("uid",) + tail, convert)
            self.builders["rtc.build_token_with_user_account"] = self._pin(
                cls.buildTokenWithAccount, head + ("account",) + tail, convert)
        rtm = self.tree.module("RtmTokenBuilder")
        if rtm is not None and hasattr(rtm, "Role_Rtm_User"):  # 2019's is a scripted class
            def rtm_convert(name, value):
                return rtm.Role_Rtm_User if value == "rtm_user" else native(value)
            self.builders["rtm.build_token"] = self._pin(
                rtm.RtmTokenBuilder.buildToken,
                ("app_id", "app_certificate", "user_account", "role", "privilege_expired_ts"),
                rtm_convert, {"role": "rtm_user"})

    def _low_level006(self, a, salt, now):
        token = self.pinned.call(salt, now, self.at.AccessToken, native(a["app_id"]),
                                 native(a["app_certificate"]), native(a["channel_name"]),
                                 native(a["uid"]))
        if salt is not None:
            token.salt = salt
        token.ts = a["ts"]
        for key, value in (a.get("privileges") or {}).items():
            token.addPrivilege(int(key), value)
        return token.build()

    def decode006(self, token):
        """Decoded fields through the helpers ``AccessToken.fromString`` itself calls."""
        if not token.startswith("006"):
            raise DecodeFailure("bad_version", "version %r is not 006" % token[:3])
        try:
            raw = base64.b64decode(token[35:])
        except (TypeError, ValueError) as exc:
            raise DecodeFailure("bad_base64", str(exc))
        try:
            signature, crc_channel, crc_uid, message = self.at.unPackContent(raw)
            salt, ts, messages = self.at.unPackMessages(message)
        except Exception as exc:
            raise DecodeFailure("truncated", "%s: %s" % (type(exc).__name__, exc))
        return {"version": "006", "signature": binascii.hexlify(signature).decode("ascii"),
                "app_id": text(token[3:35]), "crc_channel_name": crc_channel,
                "crc_uid": crc_uid, "salt": salt, "ts": ts, "privileges": privileges(messages)}

    # ---------------------------------------------------------------- 007
    def _add_007(self):
        self.parsers += ("007",)
        self.builders["access_token2.build"] = self._low_level007
        cred = ("app_id", "app_certificate")
        priv = ("join_channel_privilege_expire", "pub_audio_privilege_expire",
                "pub_video_privilege_expire", "pub_data_privilege_expire")
        rtc2 = self.tree.module("RtcTokenBuilder2")

        def role2(name, value):
            return _role(rtc2, ROLE007, value) if name in ("role", "rtc_role") else value

        def role_builder(fn, who):
            return self._pin(fn, cred + ("channel_name", who, "role", "token_expire",
                                         "privilege_expire"), role2, {"privilege_expire": 0})
        rtc = rtc2.RtcTokenBuilder
        self.builders.update({
            "rtc2.build_token_with_uid": role_builder(rtc.build_token_with_uid, "uid"),
            "rtc2.build_token_with_user_account": role_builder(
                rtc.build_token_with_user_account, "account"),
            "rtc2.build_token_with_uid_and_privilege": self._pin(
                rtc.build_token_with_uid_and_privilege,
                cred + ("channel_name", "uid", "token_expire") + priv),
            "rtc2.build_token_with_user_account_and_privilege": self._pin(
                rtc.build_token_with_user_account_and_privilege,
                cred + ("channel_name", "account", "token_expire") + priv),
            "rtc2.build_token_with_rtm": role_builder(rtc.build_token_with_rtm, "account"),
            "rtc2.build_token_with_rtm2": self._pin(
                rtc.build_token_with_rtm2,
                cred + ("channel_name", "rtc_account", "rtc_role", "rtc_token_expire") + priv
                + ("rtm_user_id", "rtm_token_expire"), role2),
        })
        rtm2 = self.tree.module("RtmTokenBuilder2").RtmTokenBuilder
        self.builders["rtm2.build_token"] = self._pin(
            rtm2.build_token, cred + ("user_id", "expire"))
        if hasattr(rtm2, "build_token_with_permissions"):
            self.builders["rtm2.build_token_with_permissions"] = self._pin(
                rtm2.build_token_with_permissions, cred + ("user_id", "permissions", "expire"),
                lambda name, value: self._permissions(value) if name == "permissions" else value)
        chat = self.tree.module("ChatTokenBuilder2").ChatTokenBuilder
        self.builders["chat2.build_user_token"] = self._pin(
            chat.build_user_token, cred + ("user_id", "expire"))
        self.builders["chat2.build_app_token"] = self._pin(
            chat.build_app_token, cred + ("expire",))
        fpa = self.tree.module("fpa_token_builder").FpaTokenBuilder
        self.builders["fpa2.build_token"] = self._pin(fpa.build_token, cred)
        for prefix, module, cls in (("apaas2", "apaas_token_builder", "ApaasTokenBuilder"),
                                    ("education2", "education_token_builder",
                                     "EducationTokenBuilder")):
            b = getattr(self.tree.module(module), cls)
            self.builders[prefix + ".build_room_user_token"] = self._pin(
                b.build_room_user_token, cred + ("room_uuid", "user_uuid", "role", "expire"))
            self.builders[prefix + ".build_user_token"] = self._pin(
                b.build_user_token, cred + ("user_uuid", "expire"))
            self.builders[prefix + ".build_app_token"] = self._pin(
                b.build_app_token, cred + ("expire",))

    def _permissions(self, entries):
        permissions = self.a2.ServiceRtm2.Permissions()
        for entry in entries or []:
            permissions.add(entry["resource_type"], entry["permission_type"],
                            entry.get("resources") or [])
        return permissions

    def _service(self, spec):
        a2 = self.a2
        factories = {
            1: lambda s: a2.ServiceRtc(s.get("channel_name", ""), s.get("account", "")),
            2: lambda s: a2.ServiceRtm(s.get("user_id", "")),
            3: lambda s: a2.ServiceStreaming(s.get("channel_name", ""), s.get("account", "")),
            4: lambda s: a2.ServiceFpa(),
            5: lambda s: a2.ServiceChat(s.get("user_id", "")),
            6: lambda s: a2.ServiceFCdn(s.get("channel_name", ""), s.get("account", "")),
            7: lambda s: a2.ServiceApaas(s.get("room_uuid", ""), s.get("user_uuid", ""),
                                         s.get("role", -1)),
            8: lambda s: a2.ServiceRtm2(s.get("user_id", ""),
                                        self._permissions(s.get("permissions"))),
        }
        factory = factories.get(spec["type"])
        if factory is None:
            raise Unsupported("this tree has no service type %s" % spec["type"])
        service = factory(spec)
        for key, value in (spec.get("privileges") or {}).items():
            service.add_privilege(int(key), value)
        return service

    def _low_level007(self, a, salt, now):
        # issue_ts 0 means "read the clock" to upstream: construct under the case's clock so
        # that now = 0 gives issue_ts 0, as it would for a caller whose clock reads 0.
        token = self.pinned.call(salt, now, self.a2.AccessToken, a["app_id"],
                                 a["app_certificate"], now or 0, a["expire"])
        if salt is not None:
            token._AccessToken__salt = salt  # name-mangled, the only way to set it
        for spec in a.get("services") or []:
            token.add_service(self._service(spec))
        return token.build()

    def _parse007(self, token):
        parsed = self.a2.AccessToken()
        try:
            ok = parsed.from_string(token)  # raises ValueError on a malformed body
        except ValueError as exc:
            raise DecodeFailure("bad_field", str(exc))
        if not ok:
            raise DecodeFailure("bad_version", "from_string returned False")
        return parsed

    def decode007(self, token):
        parsed = self._parse007(token)
        services = []
        for service in parsed.services:
            stype = service.service_type()
            fields = {"type": stype, "privileges": privileges(service._Service__privileges)}
            for name, attr in SERVICE_FIELDS.get(stype, ()):
                value = getattr(service, attr)
                fields[name] = value if isinstance(value, int) else text(value)
            if stype == 8:
                details = service.get_permissions().details
                fields["permissions"] = [
                    {"resource_type": rt, "permission_type": pt, "resources": details[rt][pt]}
                    for rt in sorted(details) for pt in sorted(details[rt])]
            services.append(fields)
        return {"version": "007",
                "signature": binascii.hexlify(parsed._AccessToken__signature).decode("ascii"),
                "app_id": text(parsed._AccessToken__app_id),
                "issue_ts": parsed._AccessToken__issue_ts,
                "expire": parsed._AccessToken__expire,
                "salt": parsed._AccessToken__salt, "services": services}

    # ---------------------------------------------------------------- legacy keys
    def _add_legacy(self):
        names = ("app_id", "app_certificate", "channel_name", "unix_ts", "random_int")
        full = names + ("uid", "expired_ts")

        def key(builder_id, module, fn, params):
            mod = self.tree.module(module)
            if mod is not None and hasattr(mod, fn):
                call = getattr(mod, fn)
                self.builders[builder_id] = lambda a, salt, now: call(
                    *[native(a[n]) for n in params])

        for builder_id, module, fn, params in (
                ("dynamic_key1.generate", "DynamicKey", "generate", names),
                ("dynamic_key2.generate", "DynamicKey2", "generate", full),
                ("dynamic_key3.generate", "DynamicKey3", "generate", full),
                ("dynamic_key5.generate_in_channel_permission_key", "DynamicKey5",
                 "generateInChannelPermissionKey", full + ("permission",)),
                ("signaling_token.generate", "SignalingToken", "generateSignalingToken",
                 ("account", "app_id", "app_certificate", "expired_ts"))):
            key(builder_id, module, fn, params)
        for version in (4, 5):
            for kind, fn in (("media_channel", "generateMediaChannelKey"),
                             ("recording", "generateRecordingKey"),
                             ("public_sharing", "generatePublicSharingKey")):
                key("dynamic_key%d.generate_%s_key" % (version, kind), "DynamicKey%d" % version,
                    fn, full)

    # ---------------------------------------------------------------- SimpleTokenBuilder
    def _script(self, a, salt, now):
        stb = self.tree.module("SimpleTokenBuilder")
        stb = reload_module(stb)  # fresh presets per script (see the module docstring)
        roles = {"attendee": stb.Role_Attendee, "publisher": stb.Role_Publisher,
                 "subscriber": stb.Role_Subscriber, "admin": stb.Role_Admin}
        builder = self.pinned.call(salt, now, stb.SimpleTokenBuilder, native(a["app_id"]),
                                   native(a["app_certificate"]), native(a["channel_name"]),
                                   native(a["uid"]))
        results, token = [], ""
        for step in a.get("steps") or []:
            (op, value), = step.items()
            if op == "init_privileges":
                try:
                    results.append(builder.initPrivileges(roles.get(value, value)))
                except KeyError as exc:  # how upstream refuses an unknown role (S-05)
                    raise InvalidInput("initPrivileges raised KeyError %s" % exc)
            elif op == "set_privilege":
                results.append(builder.setPrivilege(value[0], value[1]))
            elif op == "remove_privilege":
                results.append(builder.removePrivilege(value))
            elif op == "init_token_builder":
                results.append(builder.initTokenBuilder(native(value)))
            elif op == "build_token":
                token = self.pinned.call(salt, now, builder.buildToken)
                results.append(token)
            else:
                raise Unsupported("unknown SimpleTokenBuilder step %r" % op)
        return {"token": token, "results": results}

    # ---------------------------------------------------------------- protocol
    def describe(self):
        operations = ["build", "decode"] + (["verify"] if self.a2 is not None else [])
        return {
            "implementation": {
                "name": "AgoraIO/Tools AgoraDynamicKey/" + os.path.basename(self.root.rstrip("/")),
                "language": "python",
                "version": self.label,
                "homepage": "https://github.com/AgoraIO/Tools/tree/master/DynamicKey/"
                            "AgoraDynamicKey",
                "notes": "Python %s, in place from %s; public builders with time/random/secrets "
                         "pinned" % (sys.version.split()[0], self.root),
            },
            "builders": sorted(self.builders),
            "operations": operations,
            "verify_mode": [],
        }

    def decode(self, token):
        return self.decode006(token) if token.startswith("006") else self.decode007(token)

    def verify(self, request):
        token = request["token"]
        if token.startswith("006"):
            raise Unsupported("this tree has no 006 verifier")
        try:
            parsed = self._parse007(token)
        except DecodeFailure as exc:  # upstream raises: the token is not valid
            return {"valid": False, "reason": exc.reason}
        if parsed.verify_signature(request["app_certificate"]):
            return {"valid": True}
        return {"valid": False, "reason": "bad_signature"}


def reload_module(module):
    if PY2:
        return reload(module)  # noqa: F821 (Python 2 builtin)
    return importlib.reload(module)


def main(argv):
    label = "unknown"
    if len(argv) >= 2 and argv[0] == "--version":
        label, argv = argv[1], argv[2:]
    if len(argv) != 1:
        raise SystemExit(__doc__)
    serve(Upstream(os.path.abspath(argv[0]), label))


if __name__ == "__main__":
    main(sys.argv[1:])
