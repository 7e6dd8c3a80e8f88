/** The merchant portal's inquiry page (#9 item 10): the city's desk, from configuration. */
package org.jimoto.web.merchant.inquiry;
