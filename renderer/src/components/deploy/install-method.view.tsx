// The install method as three choices, each with its one line, preselected from the
// host's last preflight (which says what it found and why) until the person picks one.
import type { JSX } from 'react';
import {
  methodChoices,
  methodDescriptions,
  type MethodChoice,
  type PreflightRecommendation,
} from '../../stores/deploy-method';
import { formatTime } from '../format.util';

export interface InstallMethodPickerProps {
  value: MethodChoice;
  /** The person picked it; otherwise it follows the preflight. */
  chosen: boolean;
  recommendation: PreflightRecommendation | undefined;
  disabled: boolean;
  onChoose(method: MethodChoice): void;
}

export function InstallMethodPicker(props: InstallMethodPickerProps): JSX.Element {
  const { value, recommendation } = props;
  return (
    <fieldset
      className="deploy-method"
      data-testid="deploy-method"
      data-value={value}
      data-source={props.chosen ? 'chosen' : recommendation ? 'preflight' : 'default'}
      disabled={props.disabled}
    >
      <legend className="card__title">Install method</legend>
      <ul className="deploy-method__list">
        {methodChoices.map((method) => (
          <li key={method}>
            <label className="deploy-method__choice" data-testid={`deploy-method-${method}`}>
              <input
                type="radio"
                name="deploy-method"
                value={method}
                checked={value === method}
                onChange={() => props.onChoose(method)}
              />
              <span className="deploy-method__name">{methodDescriptions[method].label}</span>
              <span className="muted">{methodDescriptions[method].line}</span>
            </label>
          </li>
        ))}
      </ul>
      <p className="muted" data-testid="deploy-method-source">
        {recommendation
          ? `The preflight of ${formatTime(recommendation.checkedAt)} found ${recommendation.found.method}: ${recommendation.found.reason}`
          : 'No preflight of this host yet: Preflight reads it and picks the method it supports.'}
      </p>
    </fieldset>
  );
}
