// A small JSON value with a parser and a writer: just what the testee protocol's lines need
// (docs/testee-protocol.md). Numbers are kept as int64 when integral, strings as UTF-8 bytes.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace testee {

struct Json {
  enum Kind { Null, Bool, Int, Float, String, Array, Object } kind = Null;
  bool b = false;
  int64_t i = 0;
  double f = 0;
  std::string s;
  std::vector<Json> items;
  std::vector<std::pair<std::string, Json>> fields;  // insertion order

  Json() = default;
  Json(std::nullptr_t) {}
  Json(bool v) : kind(Bool), b(v) {}
  Json(int v) : kind(Int), i(v) {}
  Json(int64_t v) : kind(Int), i(v) {}
  Json(uint32_t v) : kind(Int), i(v) {}
  Json(const char *v) : kind(String), s(v) {}
  Json(std::string v) : kind(String), s(std::move(v)) {}
  static Json array() { Json j; j.kind = Array; return j; }
  static Json object() { Json j; j.kind = Object; return j; }

  bool is_null() const { return kind == Null; }
  const Json *find(const std::string &key) const {
    for (auto &kv : fields)
      if (kv.first == key) return &kv.second;
    return nullptr;
  }
  bool has(const std::string &key) const { return find(key) && !find(key)->is_null(); }
  const Json &at(const std::string &key) const {
    const Json *v = find(key);
    if (!v) throw std::invalid_argument("missing argument: " + key);
    return *v;
  }
  Json &set(const std::string &key, Json v) {
    for (auto &kv : fields)
      if (kv.first == key) return kv.second = std::move(v);
    fields.emplace_back(key, std::move(v));
    return fields.back().second;
  }
  void push(Json v) { items.push_back(std::move(v)); }

  const std::string &str() const {
    if (kind != String) throw std::invalid_argument("expected a string");
    return s;
  }
  int64_t integer() const {
    if (kind != Int) throw std::invalid_argument("expected an integer");
    return i;
  }
  // An integer that must fit the C++ parameter type (the adapter refuses, upstream never sees it).
  uint32_t u32() const {
    int64_t v = integer();
    if (v < 0 || v > 0xFFFFFFFFLL) throw std::out_of_range("integer out of u32 range");
    return static_cast<uint32_t>(v);
  }

  std::string dump() const;
  static Json parse(const std::string &text);
};

namespace detail {

inline void put_utf8(std::string &out, uint32_t cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

struct Parser {
  const std::string &t;
  size_t p = 0;

  [[noreturn]] void fail(const char *what) {
    throw std::invalid_argument(std::string("bad JSON: ") + what + " at " + std::to_string(p));
  }
  void ws() {
    while (p < t.size() && (t[p] == ' ' || t[p] == '\t' || t[p] == '\r' || t[p] == '\n')) ++p;
  }
  bool eat(const char *word) {
    size_t n = std::char_traits<char>::length(word);
    if (t.compare(p, n, word) != 0) return false;
    p += n;
    return true;
  }
  uint32_t hex4() {
    if (p + 4 > t.size()) fail("short \\u escape");
    uint32_t v = std::stoul(t.substr(p, 4), nullptr, 16);
    p += 4;
    return v;
  }
  std::string string() {
    if (t[p] != '"') fail("expected a string");
    ++p;
    std::string out;
    while (true) {
      if (p >= t.size()) fail("unterminated string");
      char c = t[p++];
      if (c == '"') return out;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (p >= t.size()) fail("bad escape");
      char e = t[p++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          uint32_t cp = hex4();
          if (cp >= 0xD800 && cp < 0xDC00 && eat("\\u")) {
            uint32_t lo = hex4();
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          put_utf8(out, cp);
          break;
        }
        default: fail("bad escape");
      }
    }
  }
  Json value() {
    ws();
    if (p >= t.size()) fail("unexpected end");
    char c = t[p];
    if (c == '{') {
      ++p;
      Json j = Json::object();
      ws();
      if (eat("}")) return j;
      while (true) {
        ws();
        std::string key = string();
        ws();
        if (!eat(":")) fail("expected ':'");
        j.fields.emplace_back(std::move(key), value());
        ws();
        if (eat("}")) return j;
        if (!eat(",")) fail("expected ','");
      }
    }
    if (c == '[') {
      ++p;
      Json j = Json::array();
      ws();
      if (eat("]")) return j;
      while (true) {
        j.items.push_back(value());
        ws();
        if (eat("]")) return j;
        if (!eat(",")) fail("expected ','");
      }
    }
    if (c == '"') return Json(string());
    if (eat("true")) return Json(true);
    if (eat("false")) return Json(false);
    if (eat("null")) return Json();
    size_t start = p;
    while (p < t.size() && std::string("+-0123456789.eE").find(t[p]) != std::string::npos) ++p;
    std::string num = t.substr(start, p - start);
    if (num.empty()) fail("unexpected character");
    Json j;
    if (num.find_first_of(".eE") == std::string::npos) {
      j.kind = Json::Int;
      j.i = std::stoll(num);
    } else {
      j.kind = Json::Float;
      j.f = std::stod(num);
    }
    return j;
  }
};

inline void dump_string(std::string &out, const std::string &s) {
  static const char hex[] = "0123456789abcdef";
  out += '"';
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += char(c);
    } else if (c < 0x20) {
      out += "\\u00";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += char(c);
    }
  }
  out += '"';
}

inline void dump(std::string &out, const Json &j) {
  switch (j.kind) {
    case Json::Null: out += "null"; break;
    case Json::Bool: out += j.b ? "true" : "false"; break;
    case Json::Int: out += std::to_string(j.i); break;
    case Json::Float: out += std::to_string(j.f); break;
    case Json::String: dump_string(out, j.s); break;
    case Json::Array:
      out += '[';
      for (size_t k = 0; k < j.items.size(); ++k) {
        if (k) out += ',';
        dump(out, j.items[k]);
      }
      out += ']';
      break;
    case Json::Object:
      out += '{';
      for (size_t k = 0; k < j.fields.size(); ++k) {
        if (k) out += ',';
        dump_string(out, j.fields[k].first);
        out += ':';
        dump(out, j.fields[k].second);
      }
      out += '}';
      break;
  }
}

}  // namespace detail

inline std::string Json::dump() const {
  std::string out;
  detail::dump(out, *this);
  return out;
}

inline Json Json::parse(const std::string &text) {
  detail::Parser parser{text};
  Json j = parser.value();
  parser.ws();
  if (parser.p != text.size()) parser.fail("trailing characters");
  return j;
}

}  // namespace testee
