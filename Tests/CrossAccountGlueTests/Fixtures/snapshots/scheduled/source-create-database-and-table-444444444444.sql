CREATE DATABASE IF NOT EXISTS web_db
COMMENT 'Source database for cross-account data copy'
LOCATION 's3://sched-copy-dev-data-444444444444/web_db/';

CREATE EXTERNAL TABLE IF NOT EXISTS web_db.page_views (
`url` string,
`viewed_at` timestamp
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://sched-copy-dev-data-444444444444/web_db/page_views/'
TBLPROPERTIES (
'skip.header.line.count' = '1',
'classification' = 'csv'
);
