import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * A class-validator decorator for one setting, from a predicate and the message an operator
 * reads when the service refuses to start (`$property` names the variable).
 */
export function settingRule(name: string, message: string, validate: (value: unknown) => boolean): (options?: ValidationOptions) => PropertyDecorator {
  return (options) => (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message, ...options },
      validator: { validate },
    });
}
