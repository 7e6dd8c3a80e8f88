/**
 * Settlement (精算) and payouts, R-50..R-57: when a service's closing periods end and when each is
 * paid (schedules over the Japanese banks' business days), and the Zengin 総合振込 file that pays the
 * shops. Schedules and the file writer are plain logic in {@code control}; the closing batch job,
 * statements and result handling build on them.
 */
package org.jimoto.settlement;
