/**
 * The admin portal's notices screen (#11 item 6): notices to residents or merchants in Japanese and
 * English with a period, published, corrected and withdrawn by the administrator ({@code
 * CityNotices} checks the role).
 */
package org.jimoto.web.admin.notice;
