#include "campaign/allocation.h"

#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>

namespace fangkong {

namespace {

// The days of the horizon on which the doses of a person starting on day t
// fall: t, t + interval, ... (those past the horizon are not planned).
std::vector<int> DoseOffsets(const AllocationInput& in) {
  std::vector<int> out;
  for (int j = 0; j < std::max(1, in.doses_per_person); ++j) out.push_back(j * in.interval_days);
  return out;
}

// Per unit, the people it reaches by the end of each day of the horizon
// working alone towards its share (ProRata).
using Alone = std::vector<std::vector<double>>;

struct Model {
  std::unique_ptr<glp_prob, decltype(&glp_delete_prob)> lp{glp_create_prob(), &glp_delete_prob};
  int units = 0, days = 0;
  std::vector<int> capacity_row, supply_row, pool_row;  // per unit (x days for the first two)
  int Col(int u, int t) const { return 1 + u * days + t; }
};

// The model with people starting only on days up to `last`. The goal row
// (sum >= need) is added when `need` > 0; the objective maximises the
// people reached, or when `front_load`, minimises the days they wait.
// Each unit does at least what it would alone by `last` (its own share at
// its own pace); the others take on what it cannot, so no township is
// emptied of work for another to do it all.
std::unique_ptr<Model> Build(const AllocationInput& in, const Alone& alone, int last, double need,
                             bool front_load) {
  auto m = std::make_unique<Model>();
  glp_prob* lp = m->lp.get();
  m->units = static_cast<int>(in.units.size());
  m->days = in.days;
  glp_set_obj_dir(lp, front_load ? GLP_MIN : GLP_MAX);
  glp_add_cols(lp, m->units * m->days);
  for (int u = 0; u < m->units; ++u)
    for (int t = 0; t < m->days; ++t) {
      int c = m->Col(u, t);
      if (t <= last)
        glp_set_col_bnds(lp, c, GLP_LO, 0, 0);
      else
        glp_set_col_bnds(lp, c, GLP_FX, 0, 0);
      glp_set_obj_coef(lp, c, front_load ? t + 1.0 : 1.0);
    }
  auto offsets = DoseOffsets(in);
  std::vector<int> idx(1);
  std::vector<double> val(1);
  auto add_row = [&](int type, double lo, double hi) {
    int r = glp_add_rows(lp, 1);
    glp_set_row_bnds(lp, r, type, lo, hi);
    glp_set_mat_row(lp, r, static_cast<int>(idx.size()) - 1, idx.data(), val.data());
    idx.resize(1);
    val.resize(1);
    return r;
  };
  for (int u = 0; u < m->units; ++u) {
    const AllocationUnit& unit = in.units[static_cast<size_t>(u)];
    // The pool: nobody twice.
    for (int t = 0; t < m->days; ++t) idx.push_back(m->Col(u, t)), val.push_back(1);
    double own =
        std::floor(alone[static_cast<size_t>(u)][static_cast<size_t>(std::min(last, m->days - 1))]);
    own = std::min(own, static_cast<double>(unit.pool));
    m->pool_row.push_back(add_row(own > 0 ? GLP_DB : GLP_UP, own, static_cast<double>(unit.pool)));
    // Each day the doses due (first and later ones) within the sites' capacity.
    for (int t = 0; t < m->days; ++t) {
      for (int off : offsets)
        if (t - off >= 0) idx.push_back(m->Col(u, t - off)), val.push_back(1);
      m->capacity_row.push_back(add_row(GLP_UP, 0, static_cast<double>(unit.daily_capacity)));
    }
    // By each day, the doses used within the doses there.
    double there = static_cast<double>(unit.doses_on_hand);
    for (int t = 0; t < m->days; ++t) {
      if (static_cast<size_t>(t) < unit.arrivals.size())
        there += static_cast<double>(unit.arrivals[static_cast<size_t>(t)]);
      for (int s = 0; s <= t; ++s) {
        int uses = 0;
        for (int off : offsets)
          if (s + off <= t) ++uses;
        idx.push_back(m->Col(u, s));
        val.push_back(uses);
      }
      m->supply_row.push_back(add_row(GLP_UP, 0, there));
    }
  }
  if (need > 0) {
    for (int u = 0; u < m->units; ++u)
      for (int t = 0; t <= std::min(last, m->days - 1); ++t)
        idx.push_back(m->Col(u, t)), val.push_back(1);
    add_row(front_load ? GLP_FX : GLP_LO, need, need);
  }
  return m;
}

Result<double> Solve(Model& m) {
  glp_smcp params;
  glp_init_smcp(&params);
  params.msg_lev = GLP_MSG_OFF;
  params.presolve = GLP_ON;
  int rc = glp_simplex(m.lp.get(), &params);
  if (rc != 0 && rc != GLP_ENOPFS && rc != GLP_ENODFS) {
    return Fail(
        Error::Internal("the allocation model failed to solve (GLPK " + std::to_string(rc) + ")"));
  }
  if (rc != 0 || glp_get_status(m.lp.get()) != GLP_OPT) return -1.0;  // no plan meets the rows
  return glp_get_obj_val(m.lp.get());
}

// The most people the units can reach by day `last` (0-based).
Result<double> MostBy(const AllocationInput& in, const Alone& alone, int last) {
  auto m = Build(in, alone, last, 0, false);
  return Solve(*m);
}

// Each unit alone reaching its share, as fast as its sites and doses allow.
Alone ProRata(const AllocationInput& in, AllocationPlan& plan) {
  Alone alone(in.units.size(), std::vector<double>(static_cast<size_t>(std::max(1, in.days)), 0));
  auto offsets = DoseOffsets(in);
  bool all_done = true;
  Date slowest = in.day;
  for (size_t u = 0; u < in.units.size(); ++u) {
    const AllocationUnit& unit = in.units[u];
    std::vector<double> started(static_cast<size_t>(in.days), 0);
    double done = 0, there = static_cast<double>(unit.doses_on_hand), used = 0;
    std::optional<Date> reached = unit.share <= 0 ? std::optional<Date>(in.day) : std::nullopt;
    for (int t = 0; t < in.days && !reached; ++t) {
      if (static_cast<size_t>(t) < unit.arrivals.size())
        there += static_cast<double>(unit.arrivals[static_cast<size_t>(t)]);
      double due = 0;  // later doses of those who started before
      for (int off : offsets)
        if (off > 0 && t - off >= 0) due += started[static_cast<size_t>(t - off)];
      double can = std::max(0.0, static_cast<double>(unit.daily_capacity) - due);
      double left = there - used - due;
      double x = std::max(0.0, std::min({can, left / static_cast<double>(offsets.size()),
                                         static_cast<double>(unit.share) - done}));
      started[static_cast<size_t>(t)] = x;
      alone[u][static_cast<size_t>(t)] = done + x;
      used += due + x;
      done += x;
      if (done >= static_cast<double>(unit.share) - 1e-6) reached = in.day.AddDays(t + 1);
    }
    for (int t = 1; t < in.days; ++t)
      alone[u][static_cast<size_t>(t)] =
          std::max(alone[u][static_cast<size_t>(t)], alone[u][static_cast<size_t>(t - 1)]);
    plan.units[u].pro_rata_done = reached;
    plan.pro_rata_covered +=
        static_cast<int64_t>(std::llround(std::min<double>(done, static_cast<double>(unit.share))));
    if (!reached)
      all_done = false;
    else
      slowest = std::max(slowest, *reached);
  }
  if (all_done) plan.pro_rata_done = slowest;
  return alone;
}

void ReadPlan(const AllocationInput& in, Model& m, AllocationPlan& plan) {
  glp_prob* lp = m.lp.get();
  for (int u = 0; u < m.units; ++u) {
    UnitPlan& up = plan.units[static_cast<size_t>(u)];
    const AllocationUnit& unit = in.units[static_cast<size_t>(u)];
    up.daily.assign(static_cast<size_t>(m.days), 0);
    double total = 0;
    for (int t = 0; t < m.days; ++t) {
      double x = glp_get_col_prim(lp, m.Col(u, t));
      total += x;
      up.daily[static_cast<size_t>(t)] = std::llround(x);
    }
    up.planned = std::llround(total);
    for (int t = 0; t < m.days; ++t) {
      int cap = m.capacity_row[static_cast<size_t>(u * m.days + t)];
      if (unit.daily_capacity > 0 &&
          glp_get_row_prim(lp, cap) >= static_cast<double>(unit.daily_capacity) - 0.5)
        ++up.binding.capacity_days;
      int sup = m.supply_row[static_cast<size_t>(u * m.days + t)];
      if (!up.binding.supply_exhausted &&
          glp_get_row_ub(lp, sup) - glp_get_row_prim(lp, sup) < 0.5 &&
          glp_get_row_prim(lp, sup) > 0.5)
        up.binding.supply_exhausted = in.day.AddDays(t + 1);
    }
    up.binding.pool_exhausted = unit.pool > 0 && total >= static_cast<double>(unit.pool) - 0.5;
  }
}

// What holds the plan back, in words, unit by unit.
void Explain(const AllocationInput& in, AllocationPlan& plan) {
  for (const auto& u : plan.units) {
    const AllocationUnit* unit = nullptr;
    for (const auto& x : in.units)
      if (x.code == u.code) unit = &x;
    if (unit && unit->daily_capacity == 0 && unit->pool > 0) {
      plan.binds.push_back(u.name + " has no vaccination site");
      plan.binds_zh.push_back(u.name + "辖区没有接种点");
      continue;
    }
    if (u.binding.capacity_days * 2 > in.days) {
      plan.binds.push_back(u.name + "'s sites are full on " +
                           std::to_string(u.binding.capacity_days) + " of " +
                           std::to_string(in.days) + " days");
      plan.binds_zh.push_back(u.name + "接种点在" + std::to_string(in.days) + "天中有" +
                              std::to_string(u.binding.capacity_days) + "天满负荷");
    }
    if (u.binding.supply_exhausted) {
      plan.binds.push_back(u.name + " uses its last doses on " + u.binding.supply_exhausted->Iso());
      plan.binds_zh.push_back(u.name + "疫苗于" + u.binding.supply_exhausted->Iso() + "用完");
    }
    if (u.binding.pool_exhausted) {
      plan.binds.push_back("everyone in " + u.name + " who could come has come");
      plan.binds_zh.push_back(u.name + "可接种人员已全部完成");
    }
  }
}

}  // namespace

std::optional<AllocationGoal> ParseAllocationGoal(std::string_view s) {
  if (s == "soonest") return AllocationGoal::kSoonest;
  if (s == "most_by_deadline") return AllocationGoal::kMostByDeadline;
  return std::nullopt;
}

namespace {

Result<AllocationPlan> AllocateWithGlpk(const AllocationInput& in, AllocationGoal goal) {
  AllocationPlan plan;
  plan.deadline = in.day.AddDays(in.days);
  for (const auto& u : in.units) {
    plan.remaining += u.share;
    UnitPlan up;
    up.code = u.code;
    up.name = u.name;
    up.share = u.share;
    plan.units.push_back(up);
  }
  Alone alone = ProRata(in, plan);
  if (plan.remaining == 0 || in.days <= 0 || in.units.empty()) {
    plan.feasible = plan.remaining == 0;
    if (plan.feasible) plan.done = in.day;
    return plan;
  }
  glp_term_out(GLP_OFF);
  int last = in.days - 1;
  auto most = MostBy(in, alone, last);
  ++plan.lp_solves;
  if (!most) return Fail(most.error());
  double need = static_cast<double>(plan.remaining);
  plan.feasible = *most >= need - 0.5;
  std::unique_ptr<Model> final_model;
  if (goal == AllocationGoal::kMostByDeadline || !plan.feasible) {
    final_model = Build(in, alone, last, 0, false);
  } else {
    // The earliest last day by which the need can be met, by bisection.
    int lo = 0, hi = last;
    while (lo < hi) {
      int mid = (lo + hi) / 2;
      auto reach = MostBy(in, alone, mid);
      ++plan.lp_solves;
      if (!reach) return Fail(reach.error());
      if (*reach >= need - 0.5)
        hi = mid;
      else
        lo = mid + 1;
    }
    plan.done = in.day.AddDays(lo + 1);
    // Within it, the plan that reaches people earliest.
    final_model = Build(in, alone, lo, need, true);
  }
  auto solved = Solve(*final_model);
  ++plan.lp_solves;
  if (!solved) return Fail(solved.error());
  ReadPlan(in, *final_model, plan);
  plan.covered = 0;
  for (const auto& u : plan.units) plan.covered += u.planned;
  if (goal == AllocationGoal::kSoonest && plan.feasible) plan.covered = plan.remaining;
  if (plan.done && plan.pro_rata_done)
    plan.days_saved = plan.pro_rata_done->days() - plan.done->days();
  else
    plan.days_saved.reset();
  if (!plan.feasible) {
    plan.binds.push_back("at most " + std::to_string(std::llround(*most)) + " of the " +
                         std::to_string(plan.remaining) + " people can be reached by " +
                         plan.deadline.Iso());
    plan.binds_zh.push_back("截至" + plan.deadline.Iso() + "最多可完成" +
                            std::to_string(std::llround(*most)) + "人，目标剩余" +
                            std::to_string(plan.remaining) + "人");
  }
  Explain(in, plan);
  return plan;
}

}  // namespace

Result<AllocationPlan> Allocate(const AllocationInput& in, AllocationGoal goal) {
  auto plan = AllocateWithGlpk(in, goal);
  // GLPK keeps an environment per thread until it is freed in that thread;
  // the server's request threads live on, so each call frees its own (its
  // problems are gone by now).
  glp_free_env();
  return plan;
}

}  // namespace fangkong
