#include "tests/reports/xml_reader.h"

#include <cstdint>

namespace bp::reports::testing {

std::optional<std::string> XmlElement::attribute(std::string_view key) const {
  for (const auto& [name_, value] : attributes) {
    if (name_ == key) return value;
  }
  return std::nullopt;
}

std::vector<const XmlElement*> XmlElement::all(std::string_view child_name) const {
  std::vector<const XmlElement*> out;
  for (const XmlElement& child : children) {
    if (child.name == child_name) out.push_back(&child);
  }
  return out;
}

namespace {

bool is_xml_char(std::uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

void append_utf8(std::string& out, std::uint32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  std::optional<XmlElement> document(std::string& error) {
    if (check_characters()) {
      if (text_.substr(0, 5) == "<?xml") {
        const std::size_t end = text_.find("?>");
        if (end == std::string_view::npos) fail("unterminated XML declaration");
        pos_ = end + 2;
      }
      skip_misc();
      XmlElement root;
      if (ok() && !at('<')) fail("expected the root element");
      if (ok()) root = element();
      skip_misc();
      if (ok() && pos_ != text_.size()) fail("content after the root element");
      if (ok()) return root;
    }
    error = error_;
    return std::nullopt;
  }

 private:
  bool ok() const { return error_.empty(); }
  bool at(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
  bool at(std::string_view s) const { return text_.substr(pos_, s.size()) == s; }
  void fail(const std::string& what) {
    if (ok()) error_ = "offset " + std::to_string(pos_) + ": " + what;
  }

  // The whole text: valid UTF-8 of characters XML 1.0 allows.
  bool check_characters() {
    for (pos_ = 0; pos_ < text_.size();) {
      const auto lead = static_cast<unsigned char>(text_[pos_]);
      std::size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
      if ((lead >= 0x80 && lead < 0xC2) || lead > 0xF4 || pos_ + length > text_.size()) {
        fail("invalid UTF-8");
        return false;
      }
      std::uint32_t c = length == 1 ? lead : lead & (0x3F >> (length - 1));
      for (std::size_t i = 1; i < length; ++i) {
        const auto next = static_cast<unsigned char>(text_[pos_ + i]);
        if ((next & 0xC0) != 0x80) {
          fail("invalid UTF-8");
          return false;
        }
        c = (c << 6) | (next & 0x3F);
      }
      const std::uint32_t shortest = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
      if ((length > 1 && c < shortest) || (c >= 0xD800 && c <= 0xDFFF) || !is_xml_char(c)) {
        fail("a character XML 1.0 does not allow");
        return false;
      }
      pos_ += length;
    }
    pos_ = 0;
    return true;
  }

  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  // Space and comments around the root element.
  void skip_misc() {
    for (;;) {
      skip_space();
      if (!at("<!--")) return;
      comment();
      if (!ok()) return;
    }
  }

  void comment() {
    const std::size_t end = text_.find("-->", pos_ + 4);
    if (end == std::string_view::npos) return fail("unterminated comment");
    if (text_.substr(pos_ + 4, end - pos_ - 4).find("--") != std::string_view::npos) {
      return fail("'--' inside a comment");
    }
    pos_ = end + 3;
  }

  static bool name_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
  }
  static bool name_char(char c) {
    return name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
  }

  std::string name() {
    const std::size_t start = pos_;
    if (pos_ >= text_.size() || !name_start(text_[pos_])) {
      fail("expected a name");
      return {};
    }
    while (pos_ < text_.size() && name_char(text_[pos_])) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }

  // After '&': an entity or character reference, appended decoded to `out`.
  void reference(std::string& out) {
    const std::size_t end = text_.find(';', pos_);
    if (end == std::string_view::npos) return fail("unterminated reference");
    const std::string_view ref = text_.substr(pos_ + 1, end - pos_ - 1);
    if (ref == "amp") {
      out += '&';
    } else if (ref == "lt") {
      out += '<';
    } else if (ref == "gt") {
      out += '>';
    } else if (ref == "quot") {
      out += '"';
    } else if (ref == "apos") {
      out += '\'';
    } else if (ref.size() > 1 && ref[0] == '#') {
      const bool hex = ref[1] == 'x';
      const std::string_view digits = ref.substr(hex ? 2 : 1);
      if (digits.empty() || digits.size() > 8) return fail("bad character reference");
      std::uint32_t c = 0;
      for (char d : digits) {
        int v = -1;
        if (d >= '0' && d <= '9') v = d - '0';
        if (hex && d >= 'a' && d <= 'f') v = d - 'a' + 10;
        if (hex && d >= 'A' && d <= 'F') v = d - 'A' + 10;
        if (v < 0) return fail("bad character reference");
        c = c * (hex ? 16 : 10) + static_cast<std::uint32_t>(v);
      }
      if (!is_xml_char(c)) return fail("character reference to a character XML does not allow");
      append_utf8(out, c);
    } else {
      return fail("unknown entity &" + std::string(ref) + ";");
    }
    pos_ = end + 1;
  }

  std::string attribute_value() {
    const char quote = pos_ < text_.size() ? text_[pos_] : '\0';
    if (quote != '"' && quote != '\'') {
      fail("expected a quoted attribute value");
      return {};
    }
    ++pos_;
    std::string value;
    while (ok()) {
      if (pos_ >= text_.size()) {
        fail("unterminated attribute value");
      } else if (text_[pos_] == quote) {
        ++pos_;
        break;
      } else if (text_[pos_] == '<') {
        fail("'<' in an attribute value");
      } else if (text_[pos_] == '&') {
        reference(value);
      } else {
        const char c = text_[pos_++];
        value += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
      }
    }
    return value;
  }

  XmlElement element() {
    XmlElement e;
    ++pos_;  // '<'
    e.name = name();
    while (ok()) {
      const std::size_t before = pos_;
      skip_space();
      if (at("/>")) {
        pos_ += 2;
        return e;
      }
      if (at('>')) {
        ++pos_;
        break;
      }
      if (pos_ == before) {
        fail("expected space between attributes");
        return e;
      }
      std::string key = name();
      skip_space();
      if (!at('=')) {
        fail("expected '=' after " + key);
        return e;
      }
      ++pos_;
      skip_space();
      std::string value = attribute_value();
      if (e.attribute(key)) {
        fail("duplicate attribute " + key);
        return e;
      }
      e.attributes.emplace_back(std::move(key), std::move(value));
    }
    content(e);
    return e;
  }

  void content(XmlElement& e) {
    while (ok()) {
      if (pos_ >= text_.size()) return fail("unclosed element " + e.name);
      if (at("</")) {
        pos_ += 2;
        if (name() != e.name) return fail("mismatched end tag for " + e.name);
        skip_space();
        if (!at('>')) return fail("expected '>'");
        ++pos_;
        return;
      }
      if (at("<!--")) {
        comment();
      } else if (at("<![CDATA[")) {
        const std::size_t end = text_.find("]]>", pos_);
        if (end == std::string_view::npos) return fail("unterminated CDATA");
        e.text += text_.substr(pos_ + 9, end - pos_ - 9);
        pos_ = end + 3;
      } else if (at('<')) {
        e.children.push_back(element());
      } else if (at('&')) {
        reference(e.text);
      } else if (at("]]>")) {
        return fail("']]>' in text");
      } else if (at("\r\n")) {  // line ends read as '\n', as XML 1.0 says
        e.text += '\n';
        pos_ += 2;
      } else if (at('\r')) {
        e.text += '\n';
        ++pos_;
      } else {
        e.text += text_[pos_++];
      }
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::string error_;
};

}  // namespace

std::optional<XmlElement> parse_xml(std::string_view document, std::string& error) {
  return Parser(document).document(error);
}

}  // namespace bp::reports::testing
