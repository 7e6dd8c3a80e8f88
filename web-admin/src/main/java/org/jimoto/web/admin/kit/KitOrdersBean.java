package org.jimoto.web.admin.kit;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.jimoto.merchant.boundary.KitOrders;
import org.jimoto.merchant.boundary.KitOrders.OrderView;

/** Every shop's kit orders, newest first, at most {@link KitOrders#MAX_LIST}. */
@Named("kitOrders")
@RequestScoped
public class KitOrdersBean {

  @Inject KitOrders kit;

  private List<OrderView> orders;

  public List<OrderView> getOrders() {
    if (orders == null) {
      orders = kit.recent(KitOrders.MAX_LIST);
    }
    return orders;
  }
}
