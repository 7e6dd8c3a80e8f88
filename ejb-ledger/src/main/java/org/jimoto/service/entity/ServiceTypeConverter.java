package org.jimoto.service.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores {@link ServiceType} as its CSV code so the column reads the same as the reports. */
@Converter(autoApply = true)
public class ServiceTypeConverter implements AttributeConverter<ServiceType, Integer> {
  @Override
  public Integer convertToDatabaseColumn(ServiceType type) {
    return type == null ? null : type.code();
  }

  @Override
  public ServiceType convertToEntityAttribute(Integer code) {
    return code == null ? null : ServiceType.ofCode(code);
  }
}
