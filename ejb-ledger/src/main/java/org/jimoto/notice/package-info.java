/**
 * What the city tells the people using its currency (#10 item 2, R-57): notices shown on the
 * residents' or merchants' home page for a period, and maintenance windows, announced ahead with a
 * message in Japanese and English. The banner of every portal shows a window from its announcement
 * until it ends; during a window the ledger refuses payments and charges with that message, read
 * from an in-memory snapshot so the payment path pays nothing for the check.
 */
package org.jimoto.notice;
