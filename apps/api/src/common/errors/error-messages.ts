/** Error texts shown to people, in both languages; the API returns both so any client can show the right one. */
export const ERROR_MESSAGES = {
  validation_failed: { en: 'The request is not valid.', mn: 'Хүсэлт буруу байна.' },
  not_found: { en: 'Not found.', mn: 'Олдсонгүй.' },
  unauthorized: { en: 'Please sign in.', mn: 'Нэвтэрч орно уу.' },
  forbidden: { en: 'You are not allowed to do this.', mn: 'Танд энэ үйлдлийг хийх эрх байхгүй.' },
  password_change_required: {
    en: 'Choose a new password first: the one you were given was set by someone else.',
    mn: 'Эхлээд шинэ нууц үг сонгоно уу: танд өгсөн нууц үгийг өөр хүн тохируулсан.',
  },
  invalid_credentials: { en: 'The email or password is wrong.', mn: 'Имэйл хаяг эсвэл нууц үг буруу байна.' },
  account_locked: {
    en: 'Too many failed sign-in attempts; try again later.',
    mn: 'Нэвтрэх оролдлого олон удаа амжилтгүй болсон тул түр хаагдлаа; дараа дахин оролдоно уу.',
  },
  conflict: { en: 'This action is not allowed now.', mn: 'Энэ үйлдлийг одоо хийх боломжгүй.' },
  payload_too_large: { en: 'The request is too large.', mn: 'Хүсэлтийн хэмжээ хэт их байна.' },
  too_many_requests: { en: 'Too many requests; try again later.', mn: 'Хэт олон хүсэлт ирлээ; дараа дахин оролдоно уу.' },
  service_unavailable: { en: 'A service Accord depends on is unavailable; try again shortly.', mn: 'Accord-ын ашигладаг үйлчилгээ түр ажиллахгүй байна; түр хүлээгээд дахин оролдоно уу.' },
  internal_error: { en: 'Something went wrong on our side.', mn: 'Системийн алдаа гарлаа.' },
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;
