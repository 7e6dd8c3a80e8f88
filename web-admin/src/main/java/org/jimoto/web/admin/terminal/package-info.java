/** The city's view of shop terminals: the suspensions that card guessing causes (#8). */
package org.jimoto.web.admin.terminal;
