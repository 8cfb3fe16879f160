-- When the instance last became ready (scheduled): the start of the scheduling delay
-- (ready → running) that /metrics reports.
ALTER TABLE task_instance ADD COLUMN scheduled_at TIMESTAMP(6) WITH TIME ZONE;
