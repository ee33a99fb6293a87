// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The YaoVerse Authors
#include "jsonrpc.hpp"

#include <algorithm>
#include <charconv>
#include <exception>
#include <optional>
#include <utility>
#include <vector>

#include <yao/log/logger.hpp>

#include "auth.hpp"

namespace yao::rpc {
namespace {

// Appends JSON text to one string: the envelope by hand, values through one nlohmann serializer
// that writes straight into the output (no temporary string per value). Invalid UTF-8 in a
// value is replaced instead of throwing.
class Writer {
public:
    explicit Writer(std::string& out)
        : out_{out},
          serializer_{nlohmann::detail::output_adapter<char, std::string>(out), ' ',
                      Json::error_handler_t::replace} {}

    std::string& out() { return out_; }
    void raw(std::string_view s) { out_.append(s); }
    void value(const Json& j) { serializer_.dump(j, false, false, 0); }

    void integer(int v) {
        char buf[16];
        const auto r = std::to_chars(buf, buf + sizeof buf, v);
        out_.append(buf, r.ptr);
    }

    void head(const Json* id) {
        raw(R"({"jsonrpc":"2.0","id":)");
        if (id != nullptr) {
            value(*id);
        } else {
            raw("null");
        }
    }

    void result(const Json* id, const Json& result) {
        head(id);
        raw(R"(,"result":)");
        value(result);
        raw("}");
    }

    void error(const Json* id, int code, std::string_view message, const Json& data = nullptr) {
        ++errors_;
        head(id);
        raw(R"(,"error":{"code":)");
        integer(code);
        raw(R"(,"message":)");
        value(Json(std::string{message}));
        if (!data.is_null()) {
            raw(R"(,"data":)");
            value(data);
        }
        raw("}}");
    }

    /// Error objects written so far (the metrics of the method that wrote them).
    size_t errors() const noexcept { return errors_; }

private:
    std::string& out_;
    nlohmann::detail::serializer<Json> serializer_;
    size_t errors_ = 0;
};

bool is_valid_id(const Json& id) {
    return id.is_null() || id.is_string() || id.is_number();
}

// The parts of one request object, validated.
struct Request {
    enum class Kind : uint8_t { kCall, kNotification, kInvalid };
    Kind kind = Kind::kInvalid;
    const Json* id = nullptr;  // null pointer: absent or not a valid id (echoed as null)
    const std::string* method = nullptr;
    const Json* params = nullptr;  // null pointer: absent
};

Request inspect(const Json& req) {
    Request r;
    if (!req.is_object()) return r;
    const auto id = req.find("id");
    const bool has_id = id != req.end();
    if (has_id) {
        if (!is_valid_id(*id)) return r;
        r.id = &*id;
    }
    const auto version = req.find("jsonrpc");
    if (version == req.end() || !version->is_string() ||
        version->get_ref<const std::string&>() != "2.0") {
        return r;
    }
    const auto method = req.find("method");
    if (method == req.end() || !method->is_string() ||
        method->get_ref<const std::string&>().empty()) {
        return r;
    }
    r.method = &method->get_ref<const std::string&>();
    if (const auto params = req.find("params"); params != req.end()) r.params = &*params;
    r.kind = has_id ? Request::Kind::kCall : Request::Kind::kNotification;
    return r;
}

const Json kNull = nullptr;

}  // namespace

JsonRpc::JsonRpc(const MethodTable& table, JsonRpcLimits limits) : table_{table}, limits_{limits} {}

std::string JsonRpc::error_response(int code, std::string_view message) {
    std::string out;
    Writer w{out};
    w.error(nullptr, code, message);
    return out;
}

namespace {

// Runs one request and appends its response entry (if any) to the writer. Returns true when an
// entry was written. `skip` answers calls with "response too large" without running them.
// `ready`: the answer its method's batch form already gave (run_batches), written instead of
// running the method.
bool run_one(const MethodTable& table, const Json& req, Session& session, Writer& w, bool skip,
             MethodResult* ready = nullptr) {
    const Request r = inspect(req);
    if (r.kind == Request::Kind::kInvalid) {
        w.error(r.id, kInvalidRequest, "invalid request");
        return true;
    }
    const bool call = r.kind == Request::Kind::kCall;
    if (skip) {
        if (call) w.error(r.id, kResponseTooLarge, "response too large");
        return call;
    }
    MethodMetrics& metrics = table.metrics(*r.method);
    metrics.requests.add();
    const infra::metrics::ScopedTimer timer{metrics.latency};
    const size_t before = w.errors();
    struct CountErrors {
        MethodMetrics& m;
        const Writer& w;
        size_t before;
        ~CountErrors() {
            if (w.errors() > before) m.errors.add();
        }
    } count_errors{metrics, w, before};
    const Json& params = r.params != nullptr ? *r.params : kNull;
    if (!params.is_array() && !params.is_object() && !params.is_null()) {
        if (call) w.error(r.id, kInvalidParams, "non-array args");
        return call;
    }
    const Method* method = table.find(*r.method);
    if (method != nullptr) {
        const Role needed = required_role(*r.method);
        if ((session.roles() & needed) == 0) {
            if (call) {
                w.error(r.id, kPermissionDenied,
                        "permission denied: " + *r.method + " needs the " +
                            std::string{role_name(needed)} + " role");
            }
            return call;
        }
        if (needed == kRoleAdmin) session.audit(*r.method);
    }
    if (method == nullptr) {
        if (call) {
            w.error(r.id, kMethodNotFound,
                    "the method " + *r.method + " does not exist/is not available");
        }
        return call;
    }
    try {
        MethodResult result = ready != nullptr ? std::move(*ready) : (*method)(params, session);
        if (!call) return false;
        if (result) {
            w.result(r.id, *result);
        } else {
            w.error(r.id, result.error().code, result.error().message, result.error().data);
        }
    } catch (const Json::exception& e) {
        // Methods answer through MethodResult; a JSON type error escaping one is a parameter it
        // failed to check. Still the caller's input: -32602, and logged so that it gets fixed.
        log::default_logger()
            .warn("method threw a JSON exception")
            .with_component("rpc")
            .with_field("method", *r.method)
            .with_error(e)
            .log();
        if (call) w.error(r.id, kInvalidParams, e.what());
    } catch (const std::bad_alloc&) {
        throw;
    } catch (const std::exception& e) {
        log::default_logger()
            .error("method threw")
            .with_component("rpc")
            .with_field("method", *r.method)
            .with_error(e)
            .log();
        if (call) w.error(r.id, kInternalError, "internal error");
    } catch (...) {
        log::default_logger()
            .error("method threw")
            .with_component("rpc")
            .with_field("method", *r.method)
            .log();
        if (call) w.error(r.id, kInternalError, "internal error");
    }
    return call;
}

/// Runs the batch forms (MethodTable::add_batch) of the methods that two or more calls of
/// `batch` would run, over those calls' params: only calls (and notifications) the session may
/// make, with params run_one would take. Returns the answers by position in the batch; a
/// position without one runs on its own.
std::vector<std::optional<MethodResult>> run_batches(const MethodTable& table, const Json& batch,
                                                     Session& session) {
    std::vector<std::optional<MethodResult>> ready;
    struct Call {
        const std::string* method;
        const Json* params;
        size_t index;
    };
    std::vector<Call> calls;
    for (size_t i = 0; i < batch.size(); ++i) {
        const Request r = inspect(batch[i]);
        if (r.kind == Request::Kind::kInvalid || table.batch(*r.method) == nullptr) continue;
        if ((session.roles() & required_role(*r.method)) == 0) continue;
        const Json* params = r.params != nullptr ? r.params : &kNull;
        if (!params->is_array() && !params->is_object() && !params->is_null()) continue;
        calls.push_back({r.method, params, i});
    }
    if (calls.size() < 2) return ready;
    std::stable_sort(calls.begin(), calls.end(),
                     [](const Call& a, const Call& b) { return *a.method < *b.method; });
    std::vector<const Json*> params;
    for (size_t i = 0; i < calls.size();) {
        size_t j = i;
        params.clear();
        for (; j < calls.size() && *calls[j].method == *calls[i].method; ++j)
            params.push_back(calls[j].params);
        const BatchMethod* run = table.batch(*calls[i].method);
        if (run != nullptr && params.size() >= 2) {
            std::vector<MethodResult> answers;
            try {
                answers = (*run)(params);
            } catch (const std::bad_alloc&) {
                throw;
            } catch (...) {
                answers.clear();  // the calls then run one by one and report their errors
            }
            if (answers.size() == params.size()) {
                ready.resize(batch.size());
                for (size_t k = i; k < j; ++k) ready[calls[k].index] = std::move(answers[k - i]);
            }
        }
        i = j;
    }
    return ready;
}

}  // namespace

ParsedRequest JsonRpc::parse(std::string_view body) const {
    ParsedRequest r;
    // nlohmann's lexer takes a NUL byte for the end of the input; JSON never has a raw one.
    if (body.find('\0') != std::string_view::npos) {
        r.doc = Json(Json::value_t::discarded);
        return r;
    }
    r.doc = Json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
    const auto heavy = [this](const Json& item) {
        if (!item.is_object()) return false;
        const auto m = item.find("method");
        return m != item.end() && m->is_string() &&
               table_.heavy(m->get_ref<const std::string&>());
    };
    if (r.doc.is_array()) {
        for (const Json& item : r.doc) r.heavy = r.heavy || heavy(item);
    } else {
        r.heavy = heavy(r.doc);
    }
    return r;
}

std::string JsonRpc::handle(ParsedRequest request, Session& session) const {
    std::string out;
    Writer w{out};
    Json& doc = request.doc;
    if (doc.is_discarded()) {
        w.error(nullptr, kParseError, "parse error");
        return out;
    }
    const size_t max_bytes = limits_.max_response_bytes;

    if (!doc.is_array()) {
        out.reserve(128);
        if (!run_one(table_, doc, session, w, false)) return {};
        if (max_bytes != 0 && out.size() > max_bytes) {
            out.clear();
            w.error(inspect(doc).id, kResponseTooLarge, "response too large");
        }
        return out;
    }

    if (doc.empty()) {
        w.error(nullptr, kInvalidRequest, "empty batch");
        return out;
    }
    if (limits_.max_batch != 0 && doc.size() > limits_.max_batch) {
        const Json* id = nullptr;
        for (const Json& item : doc) {
            const Request r = inspect(item);
            if (r.kind == Request::Kind::kCall) {
                id = r.id;
                break;
            }
        }
        w.raw("[");
        w.error(id, kInvalidRequest, "batch too large");
        w.raw("]");
        return out;
    }

    std::vector<std::optional<MethodResult>> ready = run_batches(table_, doc, session);
    out.reserve(doc.size() * 96 + 2);
    out.push_back('[');
    bool any = false;
    bool over = false;
    bool late = false;
    const auto deadline = std::chrono::steady_clock::now() + limits_.max_batch_time;
    for (size_t i = 0; i < doc.size(); ++i) {
        const Json& item = doc[i];
        MethodResult* answer = i < ready.size() && ready[i] ? &*ready[i] : nullptr;
        const size_t mark = out.size();
        if (any) out.push_back(',');
        if (!over && !late && std::chrono::steady_clock::now() > deadline) late = true;
        // A call its batch form ran has happened: it is answered, however late.
        if (late && !over && answer == nullptr) {
            const Request r = inspect(item);
            if (r.kind != Request::Kind::kNotification) {
                w.error(r.id, r.kind == Request::Kind::kCall ? kRequestTimeout : kInvalidRequest,
                        r.kind == Request::Kind::kCall ? "request timed out" : "invalid request");
                any = true;
            } else {
                out.resize(mark);
            }
            continue;
        }
        if (!run_one(table_, item, session, w, over, answer)) {
            out.resize(mark);
            continue;
        }
        any = true;
        if (!over && max_bytes != 0 && out.size() + 1 > max_bytes) {
            // This entry crosses the limit: replace it, and answer the rest without running them.
            over = true;
            out.resize(mark);
            if (mark > 1) out.push_back(',');
            w.error(inspect(item).id, kResponseTooLarge, "response too large");
        }
    }
    if (!any) return {};
    out.push_back(']');
    return out;
}

}  // namespace yao::rpc
