#include "tests/reports/xsd_check.h"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include <memory>

namespace bp::reports::testing {

namespace {

template <auto Free>
struct Deleter {
  template <typename T>
  void operator()(T* p) const { Free(p); }
};

using SchemaParser = std::unique_ptr<xmlSchemaParserCtxt, Deleter<xmlSchemaFreeParserCtxt>>;
using Schema = std::unique_ptr<xmlSchema, Deleter<xmlSchemaFree>>;
using Validator = std::unique_ptr<xmlSchemaValidCtxt, Deleter<xmlSchemaFreeValidCtxt>>;
using Document = std::unique_ptr<xmlDoc, Deleter<xmlFreeDoc>>;

// libxml2 reports through a callback; this one keeps each message with its line.
void collect(void* problems, xmlErrorPtr error) {
  std::string message = error->message != nullptr ? error->message : "unknown error";
  while (!message.empty() && message.back() == '\n') message.pop_back();
  static_cast<std::vector<std::string>*>(problems)->push_back("line " + std::to_string(error->line) +
                                                              ": " + message);
}

}  // namespace

std::vector<std::string> xsd_problems(std::string_view document, const std::filesystem::path& xsd_file) {
  std::vector<std::string> problems;
  SchemaParser parser(xmlSchemaNewParserCtxt(xsd_file.c_str()));
  xmlSchemaSetParserStructuredErrors(parser.get(), collect, &problems);
  Schema schema(xmlSchemaParse(parser.get()));
  if (!schema) {
    problems.push_back("cannot load the schema " + xsd_file.string());
    return problems;
  }
  Validator validator(xmlSchemaNewValidCtxt(schema.get()));
  xmlSchemaSetValidStructuredErrors(validator.get(), collect, &problems);
  xmlSetStructuredErrorFunc(&problems, collect);
  Document doc(xmlReadMemory(document.data(), static_cast<int>(document.size()), "document.xml",
                             nullptr, XML_PARSE_NONET));
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  if (!doc) {
    if (problems.empty()) problems.push_back("not well-formed");
    return problems;
  }
  if (xmlSchemaValidateDoc(validator.get(), doc.get()) != 0 && problems.empty()) {
    problems.push_back("not valid");
  }
  return problems;
}

}  // namespace bp::reports::testing
