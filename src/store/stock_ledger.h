// Writing the stock ledger inside a write, shared by the repositories that
// move stock: the vaccination repository (receipts, transfers, doses given)
// and the cold chain's (a discarded hold writes its doses off).
#pragma once

#include <vector>

#include "store/db.h"
#include "vaccination/stock.h"

namespace fangkong::store {

// Appends the lines and keeps each site's balance per lot; a Conflict
// "insufficient_stock" naming the lot if a balance would go below zero.
// Run it inside db::Database::Write, which undoes every line on failure.
Status WriteStockLines(db::Connection& c, const std::vector<StockLine>& lines);

}  // namespace fangkong::store
