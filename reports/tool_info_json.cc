#include "reports/tool_info_json.h"

namespace bp::reports {

nlohmann::json to_json(const ToolInfo& t) {
  return {{"version", t.version},
          {"allocator", t.allocator},
          {"host", t.host},
          {"os", t.os},
          {"cpus", t.cpus}};
}

void read_fields(detail::ObjectFields& o, ToolInfo& t) {
  o.required("version", t.version);
  o.required("allocator", t.allocator);
  o.required("host", t.host);
  o.required("os", t.os);
  o.required("cpus", t.cpus);
}

}  // namespace bp::reports
