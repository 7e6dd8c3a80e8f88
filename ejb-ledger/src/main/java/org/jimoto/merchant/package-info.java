/**
 * Merchants (加盟店): a business (事業者) owns shops (店舗); a shop owns terminals (端末), each with its own
 * printed QR code. Onboarding (R-60..R-64) and the merchant's views build on these. A terminal that
 * keeps getting card or QR code lookups refused is suspended until the city lifts it (#8).
 */
package org.jimoto.merchant;
