// Drives upstream's SimpleTokenBuilder2 (SimpleTokenBuilder2.h @ 55f8354): a static role API,
// buildTokenWithUid / buildTokenWithUserAccount(app, cert, channel, uid, role, expiredTs), with
// the shape of the later 006 RtcTokenBuilder, so it answers rtc.build_token_with_uid and
// rtc.build_token_with_user_account. It has no object to script (no setPrivilege,
// removePrivilege or initTokenBuilder), so simple_token_builder.script is not offered
// (docs/simple-token-builder.md S-14). The AccessToken it builds reads ::time() and
// std::random_device, pinned by main.cpp and pin.h (ts = now + 86400).
#include "pin.h"  // first: the salt stand-in must precede upstream's headers

#include "cpp/src/SimpleTokenBuilder2.h"
#include "drive_006.h"

namespace testee {
namespace {

using namespace agora::tools;

UserRole role(const Json &args) {
  const std::string &name = text(args, "role");
  if (name == "attendee") return Role_Attendee;
  if (name == "publisher") return Role_Publisher;
  if (name == "subscriber") return Role_Subscriber;
  if (name == "admin") return Role_Admin;
  throw BadArgument("role: unknown 006 role " + name);
}

Registration registration([] {
  add_builder("rtc.build_token_with_uid", [](const Json &a) {
    return token_answer(SimpleTokenBuilder2::buildTokenWithUid(text(a, "app_id"), text(a, "app_certificate"), text(a, "channel_name"),
                                                               u32(a, "uid"), role(a), u32(a, "privilege_expired_ts")));
  });
  add_builder("rtc.build_token_with_user_account", [](const Json &a) {
    return token_answer(SimpleTokenBuilder2::buildTokenWithUserAccount(text(a, "app_id"), text(a, "app_certificate"),
                                                                       text(a, "channel_name"), text(a, "account"), role(a),
                                                                       u32(a, "privilege_expired_ts")));
  });
  add_builder("access_token.build", [](const Json &a) { return token_answer(build_access_token<AccessToken>(a)); });
  add_decoder("006", decode_access_token<AccessToken>);
  add_verifier("006", verify_access_token<AccessToken>);
});

}  // namespace
}  // namespace testee
