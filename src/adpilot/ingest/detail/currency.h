// ISO 4217 currency facts used by ingest: recognising currency codes and symbols in cells and
// headers, and how many decimals an amount in a currency has. All lookups are allocation-free.
#pragma once

#include <string_view>

namespace adpilot::ingest {

// True for the ISO 4217 alphabetic codes in the active list, upper case only:
// is_iso_currency("USD") == true, is_iso_currency("usd") == false, is_iso_currency("ABC") == false.
// The list is Debian's iso-codes 4.15 table (which still holds HRK, SLL and CUC, withdrawn
// recently enough to appear in historical exports) plus ZWG (2024) and XCG (2025).
bool is_iso_currency(std::string_view code);

// The ISO 4217 minor-unit exponent: 2 for most ("EUR"), 0 for JPY, KRW, CLP, ISK, VND, …,
// 3 for BHD, IQD, JOD, KWD, LYD, OMR, TND, 4 for CLF and UYW; -1 for an unknown code and for the
// codes ISO gives no minor unit (metals XAU/XAG/XPD/XPT, XDR, XXX, XTS, …).
int currency_minor_digits(std::string_view code);

// The ISO code a currency symbol stands for, "" when unknown or ambiguous:
// currency_from_symbol("€") == "EUR", currency_from_symbol("R$") == "BRL",
// currency_from_symbol("kr") == "" (SEK, NOK, DKK and ISK all write "kr").
// "$" maps to USD, as in US-account exports; "¥" maps to JPY.
std::string_view currency_from_symbol(std::string_view symbol);

// True when text marks a cell as money: an ISO code, a symbol currency_from_symbol knows, or an
// ambiguous symbol ("kr", "Rs") that still says "this is an amount". is_currency_marker("€").
bool is_currency_marker(std::string_view text);

// The ISO code in a report header such as Meta's "Amount spent (USD)", "" if there is none.
// Only a parenthesised or bracketed code counts, so an English word that happens to be a code
// ("ALL", "TOP") in the header text is never taken: currency_in_header("Cost (EUR)") == "EUR".
std::string_view currency_in_header(std::string_view header);

}  // namespace adpilot::ingest
