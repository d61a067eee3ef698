#include "tests/reports/libxml2_reader.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <memory>

namespace bp::reports::testing {

namespace {

std::string text_of(const xmlChar* text) {
  return text == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(text));
}

void collect_error(void* context, xmlErrorPtr error) {
  auto& errors = *static_cast<std::string*>(context);
  errors += "line " + std::to_string(error->line) + ": " +
            text_of(reinterpret_cast<const xmlChar*>(error->message));
}

XmlElement convert(const xmlNode* node) {
  XmlElement element;
  element.name = text_of(node->name);
  for (const xmlAttr* attr = node->properties; attr != nullptr; attr = attr->next) {
    std::string name = text_of(attr->name);
    if (attr->ns != nullptr && attr->ns->prefix != nullptr) {
      name = text_of(attr->ns->prefix) + ":" + name;
    }
    const std::unique_ptr<xmlChar, decltype(xmlFree)> value(
        xmlNodeListGetString(node->doc, attr->children, 1), xmlFree);
    element.attributes.emplace_back(std::move(name), text_of(value.get()));
  }
  for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (child->type == XML_ELEMENT_NODE) element.children.push_back(convert(child));
    if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
      element.text += text_of(child->content);
    }
  }
  return element;
}

void collect(const XmlElement& element, std::string_view name,
             std::vector<const XmlElement*>& found) {
  if (element.name == name) found.push_back(&element);
  for (const XmlElement& child : element.children) collect(child, name, found);
}

}  // namespace

std::optional<XmlElement> parse_xml_strictly(std::string_view document, std::string& error) {
  error.clear();
  const std::unique_ptr<xmlParserCtxt, decltype(&xmlFreeParserCtxt)> context(xmlNewParserCtxt(),
                                                                             xmlFreeParserCtxt);
  if (!context) {
    error = "libxml2 could not make a parser";
    return std::nullopt;
  }
  xmlSetStructuredErrorFunc(&error, collect_error);
  const std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
      xmlCtxtReadMemory(context.get(), document.data(), static_cast<int>(document.size()),
                        "document.xml", "UTF-8", XML_PARSE_NONET | XML_PARSE_PEDANTIC),
      xmlFreeDoc);
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  if (!doc || context->wellFormed == 0 || !error.empty()) {
    if (error.empty()) error = "libxml2 refused the document";
    return std::nullopt;
  }
  return convert(xmlDocGetRootElement(doc.get()));
}

std::vector<const XmlElement*> descendants(const XmlElement& root, std::string_view name) {
  std::vector<const XmlElement*> found;
  collect(root, name, found);
  return found;
}

std::vector<const XmlElement*> descendants(const XmlElement& root, std::string_view name,
                                           std::string_view class_name) {
  std::vector<const XmlElement*> found = descendants(root, name);
  std::erase_if(found, [&](const XmlElement* e) { return e->attribute("class") != class_name; });
  return found;
}

}  // namespace bp::reports::testing
