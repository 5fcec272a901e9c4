/** The reference mission (Vietnam, 11–16 September 2023) as the API takes it: what most tests hang their data on. */
export const VIETNAM_2023 = {
  code: 'VN-2023',
  title: 'Economic mission to Vietnam 2023',
  type: 'economic_mission',
  hostCountries: ['VN'],
  startDate: '2023-09-11',
  endDate: '2023-09-16',
  timeZone: 'Asia/Ho_Chi_Minh',
} as const;
