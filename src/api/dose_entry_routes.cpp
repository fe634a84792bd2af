// Doses entered after the fact, corrections and voids of the dose record.
#include "api/json.h"
#include "api/params.h"
#include "api/vaccination_routes.h"
#include "campaign/campaign_service.h"
#include "vaccination/dose_entry_service.h"

namespace fangkong::api {

namespace {

json::value DoseSideToJson(const std::optional<DoseRecord>& d) {
  if (!d) return nullptr;
  return json::object{{"product", d->product},
                      {"date", d->date.Iso()},
                      {"lot", d->lot},
                      {"dose_number", d->dose_number}};
}

json::object EntryToJson(const DoseEntry& e) {
  return json::object{{"id", e.id},
                      {"dose_id", e.dose_id},
                      {"person_id", e.person_id},
                      {"kind", DoseEntryKindCode(e.kind)},
                      {"before", DoseSideToJson(e.before)},
                      {"after", DoseSideToJson(e.after)},
                      {"reason", e.reason},
                      {"user_id", e.user_id},
                      {"at", UtcIso(e.at)}};
}

json::object ResultToJson(const DoseEntryResult& r) {
  json::object o{{"entry", EntryToJson(r.entry)}, {"dose", nullptr}};
  if (r.dose) {
    o["dose"] = json::object{{"id", r.dose->id},           {"person_id", r.dose->person_id},
                             {"product", r.dose->product}, {"dose_number", r.dose->dose_number},
                             {"booster", r.dose->booster}, {"date", r.dose->date.Iso()},
                             {"lot", r.dose->lot},         {"trace_code", r.dose->trace_code}};
  }
  return o;
}

}  // namespace

void AddDoseEntryRoutes(Router& router, VaccinationRouteContext ctx, DoseEntryService& entries,
                        CampaignService& campaigns) {
  router.Add("POST", "/api/v1/persons/{id}/doses",
             ctx.authed([ctx, &entries, &campaigns](Request& r, const User& u) {
               auto id = IntParam(r.params["id"], "id");
               if (!id) return ErrorResponse(id.error());
               auto body = ParseObject(r.body);
               if (!body) return ErrorResponse(body.error());
               BackEntryInput in;
               if (auto s = ReadStrings(*body, {{"product", &in.product},
                                                {"given_on", &in.given_on},
                                                {"lot", &in.lot},
                                                {"trace_code", &in.trace_code},
                                                {"source", &in.source}});
                   !s)
                 return ErrorResponse(s.error());
               auto done = entries.BackEnter(u, *id, in, ctx.now());
               if (!done) return ctx.denied(u, done.error(), "person:" + r.params["id"]);
               ctx.audit(u, "dose.back_entry", "person:" + r.params["id"], 1);
               auto out = ResultToJson(*done);
               json::array notes;
               if (auto list = campaigns.List(u)) {
                 const std::string& place = done->dose->region_code;
                 for (const auto& n : NotesOnEarlierDose(
                          *list, DiseaseOfProduct(Catalogue::Default(), done->dose->product),
                          place, done->dose->date))
                   notes.push_back(json::object{{"campaign_id", n.campaign_id},
                                                {"message", n.message},
                                                {"message_zh", n.message_zh}});
               }
               out["notes"] = std::move(notes);
               return JsonResponse(201, out);
             }));

  router.Add("POST", "/api/v1/doses/{id}/correction",
             ctx.authed([ctx, &entries](Request& r, const User& u) {
               auto id = IntParam(r.params["id"], "id");
               if (!id) return ErrorResponse(id.error());
               auto body = ParseObject(r.body);
               if (!body) return ErrorResponse(body.error());
               DoseCorrectionInput in;
               if (auto s = ReadStrings(*body, {{"product", &in.product},
                                                {"given_on", &in.given_on},
                                                {"lot", &in.lot},
                                                {"reason", &in.reason}});
                   !s)
                 return ErrorResponse(s.error());
               auto done = entries.Correct(u, *id, in, ctx.now());
               if (!done) return ctx.denied(u, done.error(), "dose:" + r.params["id"]);
               ctx.audit(u, "dose.correction", "person:" + std::to_string(done->entry.person_id),
                         1);
               return JsonResponse(200, ResultToJson(*done));
             }));

  router.Add("POST", "/api/v1/doses/{id}/void",
             ctx.authed([ctx, &entries](Request& r, const User& u) {
               auto id = IntParam(r.params["id"], "id");
               if (!id) return ErrorResponse(id.error());
               auto body = ParseObject(r.body);
               if (!body) return ErrorResponse(body.error());
               std::string reason;
               if (auto s = ReadStrings(*body, {{"reason", &reason}}); !s)
                 return ErrorResponse(s.error());
               auto done = entries.Void(u, *id, reason, ctx.now());
               if (!done) return ctx.denied(u, done.error(), "dose:" + r.params["id"]);
               ctx.audit(u, "dose.void", "person:" + std::to_string(done->entry.person_id), 1);
               return JsonResponse(200, ResultToJson(*done));
             }));

  router.Add("GET", "/api/v1/persons/{id}/dose-entries",
             ctx.authed([ctx, &entries](Request& r, const User& u) {
               auto id = IntParam(r.params["id"], "id");
               if (!id) return ErrorResponse(id.error());
               auto list = entries.HistoryOf(u, *id);
               if (!list) return ctx.denied(u, list.error(), "person:" + r.params["id"]);
               json::array items;
               for (const auto& e : *list) items.push_back(EntryToJson(e));
               return JsonResponse(200, json::object{{"items", std::move(items)}});
             }));
}

}  // namespace fangkong::api
