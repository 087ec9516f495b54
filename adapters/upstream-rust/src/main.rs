//! Testee adapter (JSON-lines protocol v1) for the upstream Rust crate `agora_token` of
//! AgoraIO/Tools at da06bfb, compiled in place as a path dependency.
//!
//! The crate's `AccessToken` keeps its salt and issue_ts private and fills them from the clock
//! and `rand` in `new_access_token`, with no setter: nothing can pin them, so every builder
//! (the public builders and the low-level `access_token2.build`) is declared in verify_mode.
//! Decode and verify use `AccessToken::parse` and `verify_signature`; the private header
//! fields are read from the struct's derived `Debug` output.
use std::io::{self, BufRead, Write};

use agora_token::access_token as at;
use agora_token::{apaas_token_builder, chat_token_builder, education_token_builder};
use agora_token::{fpa_token_builder, rtc_token_builder as rtc, rtm_token_builder as rtm};
use serde_json::{json, Map, Value};

type BuildResult = Result<String, Box<dyn std::error::Error>>;

/// A refusal or failure: the protocol error kind and message (and decode reason).
struct Failure {
    kind: &'static str,
    message: String,
    reason: Option<&'static str>,
}

fn invalid(field: &str, message: &str) -> Failure {
    Failure { kind: "invalid_input", message: format!("{field}: {message}"), reason: None }
}

fn unsupported(message: String) -> Failure {
    Failure { kind: "unsupported", message, reason: None }
}

fn decode_failure(reason: &'static str, message: String) -> Failure {
    Failure { kind: "decode_error", message, reason: Some(reason) }
}

const BUILDERS: &[&str] = &[
    "access_token2.build",
    "rtc2.build_token_with_uid",
    "rtc2.build_token_with_user_account",
    "rtc2.build_token_with_uid_and_privilege",
    "rtc2.build_token_with_user_account_and_privilege",
    "rtc2.build_token_with_rtm",
    "rtc2.build_token_with_rtm2",
    "rtm2.build_token",
    "rtm2.build_token_with_permissions",
    "chat2.build_user_token",
    "chat2.build_app_token",
    "fpa2.build_token",
    "apaas2.build_room_user_token",
    "apaas2.build_user_token",
    "apaas2.build_app_token",
    "education2.build_room_user_token",
    "education2.build_user_token",
    "education2.build_app_token",
];

/// Typed access to a request's `args`.
struct Args<'a>(&'a Map<String, Value>);

impl Args<'_> {
    fn str(&self, name: &str) -> Result<&str, Failure> {
        self.0.get(name).and_then(Value::as_str).ok_or_else(|| invalid(name, "expected text"))
    }
    fn int(&self, name: &str, min: i64, max: i64) -> Result<i64, Failure> {
        match self.0.get(name).and_then(Value::as_i64) {
            Some(v) if (min..=max).contains(&v) => Ok(v),
            _ => Err(invalid(name, &format!("expected an integer {min}..{max}"))),
        }
    }
    fn u32(&self, name: &str) -> Result<u32, Failure> {
        self.int(name, 0, u32::MAX as i64).map(|v| v as u32)
    }
    fn u32_or(&self, name: &str, default: u32) -> Result<u32, Failure> {
        if self.0.contains_key(name) { self.u32(name) } else { Ok(default) }
    }
    fn i16(&self, name: &str) -> Result<i16, Failure> {
        self.int(name, i16::MIN as i64, i16::MAX as i64).map(|v| v as i16)
    }
    fn opt_str(&self, name: &str) -> Result<&str, Failure> {
        if self.0.contains_key(name) { self.str(name) } else { Ok("") }
    }
    fn role2(&self, name: &str) -> Result<rtc::Role, Failure> {
        match self.str(name)? {
            "publisher" => Ok(rtc::ROLE_PUBLISHER),
            "subscriber" => Ok(rtc::ROLE_SUBSCRIBER),
            other => Err(invalid(name, &format!("unknown role {other:?}"))),
        }
    }
    fn list(&self, name: &str) -> Result<Vec<Args<'_>>, Failure> {
        let items = self.0.get(name).and_then(Value::as_array).ok_or_else(|| invalid(name, "expected a list"))?;
        items.iter().map(|v| v.as_object().map(Args).ok_or_else(|| invalid(name, "expected mappings"))).collect()
    }
    fn privileges(&self, name: &str) -> Result<Vec<(u16, u32)>, Failure> {
        let Some(map) = self.0.get(name) else { return Ok(Vec::new()) };
        let map = map.as_object().ok_or_else(|| invalid(name, "expected a mapping"))?;
        map.iter()
            .map(|(k, v)| {
                let id = k.parse::<u16>().map_err(|_| invalid(name, "privilege ids are u16"))?;
                let value = v.as_u64().filter(|v| *v <= u32::MAX as u64).ok_or_else(|| invalid(name, "values are u32"))?;
                Ok((id, value as u32))
            })
            .collect()
    }
    fn permissions(&self, name: &str) -> Result<at::Rtm2Permissions, Failure> {
        let mut perms = at::new_rtm2_permissions();
        for entry in self.list(name)? {
            let resources = entry.0.get("resources").and_then(Value::as_array).ok_or_else(|| invalid("resources", "expected a list"))?;
            let resources = resources.iter().map(|r| r.as_str().map(String::from).ok_or_else(|| invalid("resources", "expected text"))).collect::<Result<Vec<_>, _>>()?;
            perms.add(entry.int("resource_type", 0, 65535)? as u16, entry.int("permission_type", 0, 65535)? as u16, resources);
        }
        Ok(perms)
    }
}

/// Calls one builder of the crate; Ok(None) when the id is not one of ours.
fn build(builder: &str, a: &Args) -> Result<BuildResult, Failure> {
    let (app_id, cert) = (a.str("app_id")?, a.str("app_certificate")?);
    Ok(match builder {
        "rtc2.build_token_with_uid" => rtc::build_token_with_uid(app_id, cert, a.str("channel_name")?, a.u32("uid")?, a.role2("role")?, a.u32("token_expire")?, a.u32_or("privilege_expire", 0)?),
        "rtc2.build_token_with_user_account" => rtc::build_token_with_user_account(app_id, cert, a.str("channel_name")?, a.str("account")?, a.role2("role")?, a.u32("token_expire")?, a.u32_or("privilege_expire", 0)?),
        "rtc2.build_token_with_uid_and_privilege" => rtc::build_token_with_uid_and_privilege(app_id, cert, a.str("channel_name")?, a.u32("uid")?, a.u32("token_expire")?, a.u32("join_channel_privilege_expire")?, a.u32("pub_audio_privilege_expire")?, a.u32("pub_video_privilege_expire")?, a.u32("pub_data_privilege_expire")?),
        "rtc2.build_token_with_user_account_and_privilege" => rtc::build_token_with_user_account_and_privilege(app_id, cert, a.str("channel_name")?, a.str("account")?, a.u32("token_expire")?, a.u32("join_channel_privilege_expire")?, a.u32("pub_audio_privilege_expire")?, a.u32("pub_video_privilege_expire")?, a.u32("pub_data_privilege_expire")?),
        "rtc2.build_token_with_rtm" => rtc::build_token_with_rtm(app_id, cert, a.str("channel_name")?, a.str("account")?, a.role2("role")?, a.u32("token_expire")?, a.u32_or("privilege_expire", 0)?),
        "rtc2.build_token_with_rtm2" => rtc::build_token_with_rtm2(app_id, cert, a.str("channel_name")?, a.str("rtc_account")?, a.role2("rtc_role")?, a.u32("rtc_token_expire")?, a.u32("join_channel_privilege_expire")?, a.u32("pub_audio_privilege_expire")?, a.u32("pub_video_privilege_expire")?, a.u32("pub_data_privilege_expire")?, a.str("rtm_user_id")?, a.u32("rtm_token_expire")?),
        "rtm2.build_token" => rtm::build_token(app_id, cert, a.str("user_id")?, a.u32("expire")?),
        "rtm2.build_token_with_permissions" => rtm::build_token_with_permissions(app_id, cert, a.str("user_id")?, &a.permissions("permissions")?, a.u32("expire")?),
        "chat2.build_user_token" => chat_token_builder::build_chat_user_token(app_id, cert, a.str("user_id")?, a.u32("expire")?),
        "chat2.build_app_token" => chat_token_builder::build_chat_app_token(app_id, cert, a.u32("expire")?),
        "fpa2.build_token" => fpa_token_builder::build_token(app_id, cert),
        "apaas2.build_room_user_token" => apaas_token_builder::build_room_user_token(app_id, cert, a.str("room_uuid")?, a.str("user_uuid")?, a.i16("role")?, a.u32("expire")?),
        "apaas2.build_user_token" => apaas_token_builder::build_user_token(app_id, cert, a.str("user_uuid")?, a.u32("expire")?),
        "apaas2.build_app_token" => apaas_token_builder::build_app_token(app_id, cert, a.u32("expire")?),
        "education2.build_room_user_token" => education_token_builder::build_room_user_token(app_id, cert, a.str("room_uuid")?, a.str("user_uuid")?, a.i16("role")?, a.u32("expire")?),
        "education2.build_user_token" => education_token_builder::build_user_token(app_id, cert, a.str("user_uuid")?, a.u32("expire")?),
        "education2.build_app_token" => education_token_builder::build_app_token(app_id, cert, a.u32("expire")?),
        "access_token2.build" => {
            let mut token = at::new_access_token(app_id, cert, a.u32("expire")?);
            for s in a.list("services")? {
                token.add_service(service(&s)?);
            }
            token.build()
        }
        _ => return Err(unsupported(format!("builder {builder} is not offered by this crate"))),
    })
}

/// One low-level service from its spec, on the crate's service structs.
fn service(s: &Args) -> Result<Box<dyn at::IService>, Failure> {
    let t = s.int("type", 0, 65535)? as u16;
    let (channel, account, user) = (s.opt_str("channel_name")?, s.opt_str("account")?, s.opt_str("user_id")?);
    macro_rules! with_privileges {
        ($svc:expr) => {{
            let mut svc = $svc;
            for (id, value) in s.privileges("privileges")? {
                svc.service.add_privilege(id, value);
            }
            Box::new(svc) as Box<dyn at::IService>
        }};
    }
    Ok(match t {
        at::SERVICE_TYPE_RTC => with_privileges!(at::new_service_rtc(channel, account)),
        at::SERVICE_TYPE_RTM => with_privileges!(at::new_service_rtm(user)),
        at::SERVICE_TYPE_STREAMING => with_privileges!(at::new_service_streaming(channel, account)),
        at::SERVICE_TYPE_FPA => with_privileges!(at::new_service_fpa()),
        at::SERVICE_TYPE_CHAT => with_privileges!(at::new_service_chat(user)),
        at::SERVICE_TYPE_FCDN => with_privileges!(at::new_service_fcdn(channel, account)),
        at::SERVICE_TYPE_APAAS => {
            let role = if s.0.contains_key("role") { s.i16("role")? } else { -1 };
            with_privileges!(at::new_service_apaas(s.opt_str("room_uuid")?, s.opt_str("user_uuid")?, role))
        }
        at::SERVICE_TYPE_RTM2 => {
            let perms = if s.0.contains_key("permissions") { Some(s.permissions("permissions")?) } else { None };
            with_privileges!(at::new_service_rtm2(user, perms))
        }
        _ => return Err(unsupported(format!("the crate has no class for 007 service type {t}"))),
    })
}

/// The fields of a parsed token, in the suite's decoded shape.
fn fields(token: &at::AccessToken) -> Result<Value, Failure> {
    let debug = format!("{token:?}");
    let header = |name: &str| -> Result<&str, Failure> {
        let start = debug.find(&format!(" {name}: ")).ok_or_else(|| decode_failure("truncated", format!("no {name} in {debug}")))? + name.len() + 3;
        let rest = &debug[start..];
        Ok(&rest[..rest.find([',', ' ', '}']).unwrap_or(rest.len())])
    };
    let number = |name: &str| -> Result<u32, Failure> {
        header(name)?.parse().map_err(|_| decode_failure("truncated", format!("{name} is not a number")))
    };
    let app_id: String = serde_json::from_str(header("app_id")?).unwrap_or_default();
    let bytes = |name: &str| -> Vec<u8> {
        let start = debug.find(&format!(" {name}: [")).map(|i| i + name.len() + 4).unwrap_or(debug.len());
        let list = &debug[start..start + debug[start..].find(']').unwrap_or(0)];
        list.split(", ").filter(|s| !s.is_empty()).map(|b| b.parse::<u8>().unwrap_or(0)).collect()
    };
    let signature: String = bytes("signature").iter().map(|b| format!("{b:02x}")).collect();
    let services: Vec<Value> = token.services.iter().map(|s| service_fields(s.as_ref())).collect();
    let mut out = json!({"version": "007", "signature": signature, "app_id": app_id,
              "issue_ts": number("issue_ts")?, "expire": number("expire")?, "salt": number("salt")?,
              "services": services});
    if let Some(t) = unknown_type(&bytes("signing_info"), app_id.len(), token) {
        out["unknown_service_type"] = json!(t);
    }
    Ok(out)
}

/// parse stops quietly at a service type it has no class for, keeping the services read so far.
/// When fewer services were kept than the token declares, the stopping type is the u16 after
/// the kept services, which are re-packed with the crate's own `pack` to find where they end.
fn unknown_type(info: &[u8], app_id_len: usize, token: &at::AccessToken) -> Option<u16> {
    let u16_at = |i: usize| info.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
    let mut at = 2 + app_id_len + 12; // app id, issue_ts, expire, salt
    if usize::from(u16_at(at)?) <= token.services.len() {
        return None;
    }
    at += 2;
    for s in &token.services {
        let mut packed = Vec::new();
        s.pack(&mut packed).ok()?;
        at += packed.len();
    }
    u16_at(at)
}

fn privileges(p: &std::collections::HashMap<u16, u32>) -> Value {
    Value::Object(p.iter().map(|(k, v)| (k.to_string(), json!(v))).collect())
}

fn service_fields(s: &dyn at::IService) -> Value {
    let any = s.as_any();
    if let Some(x) = any.downcast_ref::<at::ServiceRtc>() {
        return json!({"type": 1, "privileges": privileges(&x.service.privileges), "channel_name": x.channel_name, "account": x.uid});
    }
    if let Some(x) = any.downcast_ref::<at::ServiceRtm>() {
        return json!({"type": 2, "privileges": privileges(&x.service.privileges), "user_id": x.user_id});
    }
    if let Some(x) = any.downcast_ref::<at::ServiceStreaming>() {
        return json!({"type": 3, "privileges": privileges(&x.service.privileges), "channel_name": x.channel_name, "account": x.account});
    }
    if let Some(x) = any.downcast_ref::<at::ServiceFpa>() {
        return json!({"type": 4, "privileges": privileges(&x.service.privileges)});
    }
    if let Some(x) = any.downcast_ref::<at::ServiceChat>() {
        return json!({"type": 5, "privileges": privileges(&x.service.privileges), "user_id": x.user_id});
    }
    if let Some(x) = any.downcast_ref::<at::ServiceFCdn>() {
        return json!({"type": 6, "privileges": privileges(&x.service.privileges), "channel_name": x.channel_name, "account": x.account});
    }
    if let Some(x) = any.downcast_ref::<at::ServiceApaas>() {
        return json!({"type": 7, "privileges": privileges(&x.service.privileges), "room_uuid": x.room_uuid, "user_uuid": x.user_uuid, "role": x.role});
    }
    if let Some(x) = any.downcast_ref::<at::ServiceRtm2>() {
        let mut perms = Vec::new();
        let mut rts: Vec<_> = x.permissions.details.keys().collect();
        rts.sort();
        for rt in rts {
            let inner = &x.permissions.details[rt];
            let mut pts: Vec<_> = inner.keys().collect();
            pts.sort();
            for pt in pts {
                perms.push(json!({"resource_type": rt, "permission_type": pt, "resources": inner[pt]}));
            }
        }
        return json!({"type": 8, "privileges": privileges(&x.service.privileges), "user_id": x.user_id, "permissions": perms});
    }
    json!({"type": s.get_service_type()})
}

/// Parses a token with the crate; only 007 tokens are understood.
fn parse(token: &str) -> Result<at::AccessToken, Failure> {
    if !token.starts_with("007") {
        if ["006", "005", "004", "003", "1:"].iter().any(|p| token.starts_with(p)) {
            return Err(unsupported("the crate parses 007 tokens only".into()));
        }
        return Err(decode_failure("bad_version", "token does not start with 007".into()));
    }
    let mut parsed = at::create_access_token();
    match parsed.parse(token) {
        Ok(true) => Ok(parsed),
        Ok(false) => Err(decode_failure("bad_version", "parse returned false".into())),
        Err(e) => {
            let reason = match e.kind() {
                io::ErrorKind::UnexpectedEof => "truncated",
                _ if e.to_string().contains("deflate") || e.to_string().contains("corrupt") => "bad_zlib",
                io::ErrorKind::InvalidData if e.to_string().to_lowercase().contains("base64") || e.to_string().contains("symbol") || e.to_string().contains("padding") || e.to_string().contains("length") => "bad_base64",
                _ => "truncated",
            };
            Err(decode_failure(reason, e.to_string()))
        }
    }
}

fn answer(req: &Value) -> Option<Value> {
    let id = req.get("id").cloned().unwrap_or(Value::Null);
    let op = req.get("op").and_then(Value::as_str).unwrap_or("");
    let empty = Map::new();
    let result: Result<Value, Failure> = match op {
        "hello" => {
            return Some(json!({"op": "hello", "protocol": 1,
                "implementation": {"name": "upstream-rust", "language": "rust", "version": "da06bfb",
                    "homepage": "https://github.com/AgoraIO/Tools/tree/da06bfb/DynamicKey/AgoraDynamicKey/rust",
                    "notes": "salt and issue_ts are private and drawn inside new_access_token: every builder in verify mode"},
                "builders": BUILDERS, "operations": ["build", "decode", "verify"], "verify_mode": BUILDERS}))
        }
        "stop" => return None,
        "build" => {
            let builder = req.get("builder").and_then(Value::as_str).unwrap_or("");
            let args = Args(req.get("args").and_then(Value::as_object).unwrap_or(&empty));
            build(builder, &args).and_then(|r| r.map(|token| json!({"token": token})).map_err(|e| invalid("build", &e.to_string())))
        }
        "decode" => parse(req.get("token").and_then(Value::as_str).unwrap_or("")).and_then(|t| fields(&t)).map(|f| json!({"fields": f})),
        "verify" => {
            let token = req.get("token").and_then(Value::as_str).unwrap_or("");
            let cert = req.get("app_certificate").and_then(Value::as_str).unwrap_or("");
            match parse(token) {
                Err(f) if f.kind == "unsupported" => Err(f),
                Err(f) => Ok(json!({"valid": false, "reason": f.reason.unwrap_or("bad_signature")})),
                Ok(t) if !t.verify_signature(cert) => Ok(json!({"valid": false, "reason": "bad_signature"})),
                Ok(t) => fields(&t).map(|f| {
                    let deadline = f["issue_ts"].as_i64().unwrap_or(0) + f["expire"].as_i64().unwrap_or(0);
                    match req.get("now").and_then(Value::as_i64) {
                        Some(now) if now > deadline => json!({"valid": false, "reason": "expired"}),
                        _ => json!({"valid": true}),
                    }
                }),
            }
        }
        other => Err(unsupported(format!("unknown op {other}"))),
    };
    let mut out = match result {
        Ok(v) => v,
        Err(f) => {
            let mut e = json!({"kind": f.kind, "message": f.message});
            if let Some(r) = f.reason {
                e["reason"] = json!(r);
            }
            json!({"error": e})
        }
    };
    out["id"] = id;
    Some(out)
}

fn main() {
    // A panic inside the crate becomes that case's internal error; its message goes to stderr.
    let stdin = io::stdin();
    let mut out = io::BufWriter::new(io::stdout().lock());
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        let req: Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(e) => json!({"op": "invalid", "error": e.to_string()}),
        };
        let reply = match std::panic::catch_unwind(|| answer(&req)) {
            Ok(reply) => reply,
            Err(_) => Some(json!({"id": req.get("id"), "error": {"kind": "internal", "message": "panic in the crate"}})),
        };
        let Some(reply) = reply else { break };
        let _ = writeln!(out, "{reply}");
        let _ = out.flush();
    }
}
