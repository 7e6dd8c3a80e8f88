/** append-only audit trail of administrative and security-relevant actions. */
package org.jimoto.audit;
