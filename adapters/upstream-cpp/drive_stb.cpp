// Drives upstream's SimpleTokenBuilder (SimpleTokenBuilder.h @ 55f8354, the object API of the
// era's docs) through simple_token_builder.script: one builder per case, constructed with the
// uint32_t or the string uid, then initPrivileges / setPrivilege / removePrivilege /
// initTokenBuilder / buildToken in the script's order. The wrapped AccessToken's constructor
// reads ::time() and std::random_device, pinned by main.cpp and pin.h (ts = now + 86400).
// Also access_token.build and 006 decode/verify through the same tree's AccessToken.
#include "pin.h"  // first: the salt stand-in must precede upstream's headers

#include "cpp/src/SimpleTokenBuilder.h"
#include "drive_006.h"

namespace testee {
namespace {

using namespace agora::tools;

// The role names of docs/builders.md; another name reaches initPrivileges as a value it has no
// preset for, so upstream's own refusal (false) decides.
Role role(const std::string &name) {
  if (name == "attendee") return Role_Attendee;
  if (name == "publisher") return Role_Publisher;
  if (name == "subscriber") return Role_Subscriber;
  if (name == "admin") return Role_Admin;
  return static_cast<Role>(-1);
}

AccessToken::Privileges privilege(const Json &id) { return static_cast<AccessToken::Privileges>(u16(id, "privilege id")); }

Json script(const Json &a) {
  const Json &uid = a.at("uid");
  SimpleTokenBuilder builder = uid.kind == Json::String
                                   ? SimpleTokenBuilder(text(a, "app_id"), text(a, "app_certificate"), text(a, "channel_name"), uid.s)
                                   : SimpleTokenBuilder(text(a, "app_id"), text(a, "app_certificate"), text(a, "channel_name"), u32(a, "uid"));
  Json results = Json::array();
  std::string token;
  for (auto &step : a.at("steps").items) {
    if (step.fields.size() != 1) throw BadArgument("a step is a one-key mapping");
    const std::string &op = step.fields[0].first;
    const Json &value = step.fields[0].second;
    if (op == "init_privileges") {
      if (!builder.initPrivileges(role(value.str()))) throw BadArgument("initPrivileges returned false for role " + value.str());
      results.push(Json());
    } else if (op == "set_privilege") {
      builder.setPrivilege(privilege(value.items.at(0)), value.items.at(1).u32());
      results.push(Json());
    } else if (op == "remove_privilege") {
      builder.removePrivilege(privilege(value));
      results.push(Json());
    } else if (op == "init_token_builder") {
      results.push(Json(builder.initTokenBuilder(value.str())));
    } else if (op == "build_token") {
      token = builder.buildToken();
      results.push(Json(token));
    } else {
      throw Unsupported("unknown step " + op);
    }
  }
  Json out = token_answer(token);
  out.set("results", results);
  return out;
}

Registration registration([] {
  add_builder("simple_token_builder.script", script);
  add_builder("access_token.build", [](const Json &a) { return token_answer(build_access_token<AccessToken>(a)); });
  add_decoder("006", decode_access_token<AccessToken>);
  add_verifier("006", verify_access_token<AccessToken>);
});

}  // namespace
}  // namespace testee
